import type { Document } from 'bson';
import { MongoCommandError } from '../command-error';
import type { MemoryStore, StoredCollection } from '../store/memory-store';

/**
 * What a namespace reads from: a collection (possibly not yet created, which reads as
 * empty), or a view, which is its base collection plus the pipelines of every view
 * in the chain, innermost first.
 */
export interface ResolvedSource {
  collection: StoredCollection | undefined;
  /** Empty for a collection. */
  viewPipeline: Document[];
  isView: boolean;
}

/** mongod refuses view chains deeper than this (ViewDepthLimitExceeded). */
const MAX_VIEW_DEPTH = 20;

export function resolveSource(store: MemoryStore, database: string, name: string): ResolvedSource {
  let viewPipeline: Document[] = [];
  let current = name;
  let depth = 0;
  for (let view = store.view(database, current); view; view = store.view(database, current)) {
    if (++depth > MAX_VIEW_DEPTH) {
      throw new MongoCommandError(
        165,
        `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`,
      );
    }
    viewPipeline = [...view.pipeline, ...viewPipeline];
    current = view.viewOn;
  }
  return { collection: store.collection(database, current), viewPipeline, isView: depth > 0 };
}
