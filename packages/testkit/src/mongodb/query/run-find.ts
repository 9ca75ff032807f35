import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { sortDocuments } from '../bson/bson-order';
import { fromViewDocument, toView, toViewDocument } from '../bson/bson-view';
import type { MemoryStore } from '../store/memory-store';
import { compileFilter, rejectServerSideJavaScript } from './compile-filter';
import { mingoOptions } from './mingo-context';
import { runAggregation, withMingoErrors } from './run-aggregation';
import { resolveSource } from './resolve-source';
import { parseSortSpec } from './sort-spec';
import { inSourceOrder } from './source-order';

export interface FindSpec {
  filter: Document;
  sort?: Document;
  projection?: Document;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  /** The command's `let` constants, view form. */
  variables?: Record<string, unknown>;
}

/**
 * A `find`: filter, sort, skip, limit, then projection, in that order. On a view it
 * becomes the equivalent aggregation appended to the view's pipeline, which is what
 * mongod does too.
 */
export function runFind(store: MemoryStore, database: string, name: string, spec: FindSpec): Document[] {
  const resolved = resolveSource(store, database, name);
  const hasProjection = spec.projection !== undefined && Object.keys(spec.projection).length > 0;
  if (resolved.isView) {
    const pipeline: Document[] = [{ $match: spec.filter }];
    if (spec.sort && Object.keys(spec.sort).length > 0) pipeline.push({ $sort: spec.sort });
    if (spec.skip) pipeline.push({ $skip: spec.skip });
    if (spec.limit) pipeline.push({ $limit: spec.limit });
    if (hasProjection) pipeline.push({ $project: spec.projection! });
    return runAggregation(store, database, name, pipeline, spec.variables);
  }

  const filter = compileFilter(spec.filter, 'find');
  const sort = spec.sort ? parseSortSpec(spec.sort, 'find') : [];
  const options = mingoOptions(undefined, spec.variables);
  return withMingoErrors(() => {
    const query = new Query(filter, options);
    let selected = (resolved.collection?.all() ?? []).filter((stored) => query.test(stored.view));
    if (sort.length > 0) {
      selected = sortDocuments(selected, sort, (stored) => stored.view);
    }
    const start = spec.skip ?? 0;
    selected = selected.slice(start, spec.limit ? start + spec.limit : undefined);
    if (!hasProjection) return selected.map((stored) => stored.typed);

    rejectServerSideJavaScript(spec.projection);
    const projection = toView(spec.projection) as Document;
    const projected = query
      .find(
        selected.map((stored) => toViewDocument(stored.typed)),
        projection,
      )
      .all() as Document[];
    return projected.map((document, index) => {
      const source = selected[index]!.typed;
      return fromViewDocument(inSourceOrder(document, source, projection) as Document, source);
    });
  });
}
