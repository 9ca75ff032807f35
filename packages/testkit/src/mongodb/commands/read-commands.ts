import { Long, type Document } from 'bson';
import { compareBson } from '../bson/bson-order';
import { presentValues } from '../bson/bson-paths';
import { toView } from '../bson/bson-view';
import { MongoCommandError, badValue } from '../command-error';
import { runAggregation } from '../query/run-aggregation';
import { runFind } from '../query/run-find';
import { idKey } from '../store/memory-store';
import {
  collectionArgument,
  numberIn,
  optionalArray,
  optionalBoolean,
  optionalDocument,
  optionalNumber,
  rejectCollation,
} from './command-args';
import type { CommandContext, CommandHandler } from './command-context';

/** Commands that read documents and page through results: find, aggregate, count, distinct, cursors. */

/** A command's `let` constants, usable as `$$name` in its expressions. */
function letVariables(context: CommandContext): Record<string, unknown> | undefined {
  const constants = optionalDocument(context, 'let');
  return constants ? (toView(constants) as Record<string, unknown>) : undefined;
}

const find: CommandHandler = (context) => {
  const collection = collectionArgument(context);
  rejectCollation(context);
  if (context.body.tailable || context.body.awaitData) {
    throw new MongoCommandError(238, 'tailable cursors are not supported by the Connect MongoDB test server');
  }
  for (const option of ['min', 'max', 'returnKey', 'showRecordId']) {
    if (context.body[option] !== undefined && context.body[option] !== false) {
      throw new MongoCommandError(
        238,
        `find's ${option} option is not supported by the Connect MongoDB test server`,
      );
    }
  }
  const documents = runFind(context.server.store, context.db, collection, {
    filter: optionalDocument(context, 'filter') ?? {},
    sort: optionalDocument(context, 'sort'),
    projection: optionalDocument(context, 'projection'),
    skip: optionalNumber(context, 'skip', 0),
    limit: optionalNumber(context, 'limit', 0),
    variables: letVariables(context),
  });
  const cursor = context.server.cursors.open(
    `${context.db}.${collection}`,
    documents,
    optionalNumber(context, 'batchSize', 0),
    {
      singleBatch: optionalBoolean(context, 'singleBatch'),
      noTimeout: optionalBoolean(context, 'noCursorTimeout'),
    },
  );
  return { cursor: { firstBatch: cursor.batch, id: cursor.id, ns: cursor.ns }, ok: 1 };
};

const aggregate: CommandHandler = (context) => {
  const target = context.body.aggregate as unknown;
  const collection = typeof target === 'string' ? collectionArgument(context) : undefined;
  if (collection === undefined && toView(target) !== 1) {
    throw new MongoCommandError(73, `Invalid aggregate namespace`);
  }
  const pipeline = optionalArray(context, 'pipeline');
  if (!pipeline)
    throw new MongoCommandError(40414, "BSON field 'aggregate.pipeline' is missing but a required field");
  if (context.body.explain) {
    throw new MongoCommandError(238, 'explain is not supported by the Connect MongoDB test server');
  }
  const cursorOptions = optionalDocument(context, 'cursor');
  if (!cursorOptions) {
    throw new MongoCommandError(
      9,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  rejectCollation(context);
  const documents = runAggregation(
    context.server.store,
    context.db,
    collection,
    pipeline as Document[],
    letVariables(context),
  );
  const namespace = collection === undefined ? `${context.db}.$cmd.aggregate` : `${context.db}.${collection}`;
  const cursor = context.server.cursors.open(
    namespace,
    documents,
    numberIn('aggregate', 'cursor.batchSize', cursorOptions.batchSize, 0),
  );
  return { cursor: { firstBatch: cursor.batch, id: cursor.id, ns: cursor.ns }, ok: 1 };
};

/**
 * `count`: what `estimatedDocumentCount` sends. Without a query it reads the
 * collection's size, as mongod reads its size metadata.
 */
const count: CommandHandler = (context) => {
  const collection = collectionArgument(context);
  rejectCollation(context);
  const query = optionalDocument(context, 'query') ?? {};
  const skip = optionalNumber(context, 'skip', 0) ?? 0;
  const limit = Math.abs(optionalNumber(context, 'limit') ?? 0);
  const store = context.server.store;
  let total: number;
  if (Object.keys(query).length === 0 && !store.view(context.db, collection)) {
    total = store.collection(context.db, collection)?.size ?? 0;
  } else {
    total = runFind(store, context.db, collection, { filter: query }).length;
  }
  let n = Math.max(0, total - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
};

/** `distinct`: values at a path, arrays unwound one level, deduplicated and in BSON order. */
const distinct: CommandHandler = (context) => {
  const collection = collectionArgument(context);
  rejectCollation(context);
  const key = context.body.key as unknown;
  if (typeof key !== 'string')
    throw new MongoCommandError(14, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const documents = runFind(context.server.store, context.db, collection, {
    filter: optionalDocument(context, 'query') ?? {},
  });
  const unique = new Map<string, unknown>();
  for (const document of documents) {
    for (const value of presentValues(document, key)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const itemKey = idKey(item);
        if (!unique.has(itemKey)) unique.set(itemKey, item);
      }
    }
  }
  const values = [...unique.values()].sort((a, b) => compareBson(toView(a), toView(b)));
  return { values, ok: 1 };
};

const getMore: CommandHandler = (context) => {
  const id = context.body.getMore as unknown;
  if (!(id instanceof Long)) {
    throw new MongoCommandError(14, "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  }
  const collection = context.body.collection as unknown;
  if (typeof collection !== 'string') {
    throw new MongoCommandError(
      14,
      "BSON field 'getMore.collection' is the wrong type, expected type 'string'",
    );
  }
  if ((optionalNumber(context, 'maxTimeMS', 0) ?? 0) > 0) {
    throw badValue('cannot set maxTimeMS on getMore command for a non-awaitData cursor');
  }
  // On getMore a batchSize of 0 means "no particular size", not an empty batch.
  const batchSize = optionalNumber(context, 'batchSize', 0) || undefined;
  const cursor = context.server.cursors.getMore(id, `${context.db}.${collection}`, batchSize);
  return { cursor: { nextBatch: cursor.batch, id: cursor.id, ns: cursor.ns }, ok: 1 };
};

const killCursors: CommandHandler = (context: CommandContext) => {
  const ids = optionalArray(context, 'cursors') ?? [];
  if (!ids.every((id) => id instanceof Long)) {
    throw new MongoCommandError(14, "BSON field 'killCursors.cursors' must be an array of longs");
  }
  const { killed, notFound } = context.server.cursors.kill(ids as Long[]);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  aggregate,
  count,
  distinct,
  getMore,
  killCursors,
};
