import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { sortDocuments } from '../bson/bson-order';
import type { StoredDocument } from '../store/memory-store';
import { sampleSize, sampleWithoutReplacement } from './pipeline-stages';
import { prepareStage } from './prepare-stage';
import { parseSortSpec } from './sort-spec';

/**
 * Runs the leading stages that only choose and order documents (`$match`, `$sort`,
 * `$skip`, `$limit`, `$sample`) directly on the stored documents, which they only
 * read. Only what survives is copied into the view form for the rest of the
 * pipeline, which is what keeps a `$sample` or a sorted page of a large collection
 * cheap. Returns the surviving documents and the stages still to run.
 */
export function runStoredPrefix(
  input: readonly StoredDocument[],
  stages: readonly Document[],
  options: Options,
): { documents: readonly StoredDocument[]; rest: Document[] } {
  let documents = input;
  for (let index = 0; index < stages.length; index++) {
    const stage = prepareStage(stages[index]!);
    const [name] = Object.keys(stage);
    switch (name) {
      case '$match': {
        const query = new Query(stage.$match as Document, options);
        documents = documents.filter((stored) => query.test(stored.view));
        break;
      }
      case '$sort':
        documents = sortDocuments(documents, parseSortSpec(stage.$sort, '$sort'), (stored) => stored.view);
        break;
      case '$skip':
        documents = documents.slice(stage.$skip as number);
        break;
      case '$limit':
        documents = documents.slice(0, stage.$limit as number);
        break;
      case '$sample':
        documents = sampleWithoutReplacement(documents, sampleSize(stage.$sample));
        break;
      default:
        return { documents, rest: stages.slice(index) };
    }
  }
  return { documents, rest: [] };
}
