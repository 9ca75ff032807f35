import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { isPlainObject, toViewDocument } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { compileFilter } from '../query/compile-filter';
import { mingoOptions } from '../query/mingo-context';
import { prepareStage } from '../query/prepare-stage';
import { validatePipeline } from '../query/validate-pipeline';
import {
  collectionArgument,
  numberIn,
  optionalArray,
  optionalBoolean,
  optionalDocument,
} from './command-args';
import type { CommandContext, CommandHandler } from './command-context';

/** Commands about namespaces rather than documents: create, drop, list, indexes. */

/** Fields every command may carry that are not options of the command itself. */
const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'readConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

function filterEntries(entries: Document[], filter: Document | undefined): Document[] {
  if (!filter || Object.keys(filter).length === 0) return entries;
  const query = new Query(compileFilter(filter, 'find'), mingoOptions());
  return entries.filter((entry) => query.test(toViewDocument(entry)));
}

function cursorReply(context: CommandContext, namespace: string, documents: Document[]): Document {
  const cursorOptions = optionalDocument(context, 'cursor') ?? {};
  const cursor = context.server.cursors.open(
    namespace,
    documents,
    numberIn(context.name, 'cursor.batchSize', cursorOptions.batchSize, 0),
  );
  return { cursor: { firstBatch: cursor.batch, id: cursor.id, ns: cursor.ns }, ok: 1 };
}

const create: CommandHandler = (context) => {
  const name = collectionArgument(context);
  const store = context.server.store;
  const viewOn = context.body.viewOn as unknown;
  if (viewOn !== undefined) {
    if (typeof viewOn !== 'string')
      throw new MongoCommandError(14, "BSON field 'create.viewOn' is the wrong type, expected type 'string'");
    const pipeline = (optionalArray(context, 'pipeline') ?? []) as Document[];
    validatePipeline(pipeline, 'view', `${context.db}.${name}`);
    pipeline.forEach(prepareStage);
    store.createView(context.db, name, viewOn, pipeline);
    return { ok: 1 };
  }
  const options: Document = {};
  for (const [key, value] of Object.entries(context.body)) {
    if (key !== 'create' && !GENERIC_FIELDS.has(key)) options[key] = value;
  }
  store.createCollection(context.db, name, options);
  return { ok: 1 };
};

/** Since MongoDB 7.0, dropping a namespace that does not exist succeeds. */
const drop: CommandHandler = (context) => {
  const name = collectionArgument(context);
  const existed = context.server.store.collection(context.db, name);
  context.server.store.drop(context.db, name);
  return existed ? { nIndexesWas: existed.indexes.length, ns: existed.namespace, ok: 1 } : { ok: 1 };
};

const dropDatabase: CommandHandler = (context) => {
  context.server.store.dropDatabase(context.db);
  return { dropped: context.db, ok: 1 };
};

const listCollections: CommandHandler = (context) => {
  const store = context.server.store;
  const entries: Document[] = [
    ...store.collections(context.db).map((collection) => ({
      name: collection.name,
      type: 'collection',
      options: collection.options,
      info: { readOnly: false, uuid: collection.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    })),
    ...store.views(context.db).map((view) => ({
      name: view.name,
      type: 'view',
      options: { viewOn: view.viewOn, pipeline: view.pipeline },
      info: { readOnly: true },
    })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const selected = filterEntries(entries, optionalDocument(context, 'filter'));
  const nameOnly = optionalBoolean(context, 'nameOnly') ?? false;
  const documents = nameOnly ? selected.map(({ name, type }) => ({ name, type })) : selected;
  return cursorReply(context, `${context.db}.$cmd.listCollections`, documents);
};

/** A real server always has these, even with no user data. */
const SYSTEM_DATABASES = ['admin', 'config', 'local'];

const listDatabases: CommandHandler = (context) => {
  if (context.db !== 'admin') {
    throw new MongoCommandError(13, 'listDatabases may only be run against the admin database.');
  }
  const store = context.server.store;
  const names = [...new Set([...store.databaseNames(), ...SYSTEM_DATABASES])].sort();
  const entries = names.map((name) => {
    const bytes = store.collections(name).reduce((sum, collection) => sum + collection.dataSize(), 0);
    // WiredTiger files grow in 4 KiB pages and start at two of them.
    const sizeOnDisk = Math.max(8192, Math.ceil(bytes / 4096) * 4096);
    return { name, sizeOnDisk, empty: false };
  });
  const selected = filterEntries(entries, optionalDocument(context, 'filter'));
  if (optionalBoolean(context, 'nameOnly')) {
    return { databases: selected.map(({ name }) => ({ name })), ok: 1 };
  }
  const totalSize = selected.reduce((sum, entry) => sum + entry.sizeOnDisk, 0);
  return { databases: selected, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
};

function existingCollection(context: CommandContext, name: string) {
  const store = context.server.store;
  if (store.view(context.db, name)) {
    throw new MongoCommandError(166, `Namespace ${context.db}.${name} is a view, not a collection`);
  }
  const collection = store.collection(context.db, name);
  if (!collection) throw new MongoCommandError(26, `ns does not exist: ${context.db}.${name}`);
  return collection;
}

const listIndexes: CommandHandler = (context) => {
  const name = collectionArgument(context);
  const collection = existingCollection(context, name);
  return cursorReply(context, `${context.db}.${name}`, collection.indexes);
};

/** Index kinds that would change query results or writes if merely recorded. */
function rejectEnforcingIndex(spec: Document): void {
  const special = Object.values(isPlainObject(spec.key) ? spec.key : {}).some(
    (value) => typeof value === 'string',
  );
  if (spec.unique || spec.partialFilterExpression || spec.expireAfterSeconds !== undefined || special) {
    throw new MongoCommandError(
      238,
      'unique, partial, TTL, text and geo indexes are not supported by the Connect MongoDB test server',
    );
  }
}

const createIndexes: CommandHandler = (context) => {
  const name = collectionArgument(context);
  const store = context.server.store;
  const created = !store.collection(context.db, name);
  const collection = store.collectionForWrite(context.db, name);
  const before = collection.indexes.length;
  for (const spec of (optionalArray(context, 'indexes') ?? []) as Document[]) {
    if (!isPlainObject(spec) || !isPlainObject(spec.key) || typeof spec.name !== 'string') {
      throw new MongoCommandError(9, 'The index specification must have a key and a name');
    }
    rejectEnforcingIndex(spec);
    if (!collection.indexes.some((index) => index.name === spec.name))
      collection.indexes.push({ v: 2, ...spec });
  }
  return {
    numIndexesBefore: before,
    numIndexesAfter: collection.indexes.length,
    createdCollectionAutomatically: created,
    ok: 1,
  };
};

const dropIndexes: CommandHandler = (context) => {
  const name = collectionArgument(context);
  const collection = existingCollection(context, name);
  const target = context.body.index as unknown;
  const before = collection.indexes.length;
  const removable = collection.indexes.filter((index) => index.name !== '_id_');
  const victims =
    target === '*'
      ? removable
      : removable.filter((index) =>
          typeof target === 'string'
            ? index.name === target
            : JSON.stringify(index.key) === JSON.stringify(target),
        );
  if (victims.length === 0 && target !== '*') {
    throw new MongoCommandError(
      27,
      `index not found with name [${typeof target === 'string' ? target : JSON.stringify(target)}]`,
    );
  }
  for (const victim of victims) collection.indexes.splice(collection.indexes.indexOf(victim), 1);
  return { nIndexesWas: before, ok: 1 };
};

export const catalogCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  listIndexes,
  createIndexes,
  dropIndexes,
};
