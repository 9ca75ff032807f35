import { BSON, type Document } from 'bson';
import { Query } from 'mingo/query';
import { sortDocuments } from '../bson/bson-order';
import { fromViewDocument, isPlainObject, toView, toViewDocument } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { applyUpdate, classifyUpdate, upsertSeed, withIdFirst } from '../query/apply-update';
import { compileFilter } from '../query/compile-filter';
import { mingoOptions } from '../query/mingo-context';
import { withMingoErrors } from '../query/run-aggregation';
import { parseSortSpec } from '../query/sort-spec';
import { inSourceOrder } from '../query/source-order';
import { DuplicateKeyError, type StoredCollection, type StoredDocument } from '../store/memory-store';
import { collectionArgument, optionalArray, optionalBoolean, optionalDocument } from './command-args';
import type { CommandContext, CommandHandler } from './command-context';

/** Commands that change documents: insert, update, delete, findAndModify. */

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  keyPattern?: Document;
  keyValue?: Document;
}

function toWriteError(index: number, error: unknown): WriteError {
  if (!(error instanceof MongoCommandError)) throw error;
  const entry: WriteError = { index, code: error.code, errmsg: error.message };
  if (error instanceof DuplicateKeyError) {
    entry.keyPattern = { _id: 1 };
    entry.keyValue = error.keyValue;
  }
  return entry;
}

/** Users may not write to `system.*` collections: those belong to the server (views live there). */
function writableCollection(context: CommandContext): string {
  const name = collectionArgument(context);
  if (name.startsWith('system.')) throw new MongoCommandError(73, `cannot write to '${context.db}.${name}'`);
  return name;
}

function statements(context: CommandContext, field: string): unknown[] {
  const list = optionalArray(context, field);
  if (!list)
    throw new MongoCommandError(
      40414,
      `BSON field '${context.name}.${field}' is missing but a required field`,
    );
  return list;
}

/**
 * Runs each statement of a write command, collecting write errors the way mongod
 * does: an ordered command stops at the first failure, an unordered one carries on.
 */
function eachStatement(
  context: CommandContext,
  list: unknown[],
  run: (statement: unknown) => void,
): WriteError[] {
  const ordered = optionalBoolean(context, 'ordered') ?? true;
  const errors: WriteError[] = [];
  for (let index = 0; index < list.length; index++) {
    try {
      run(list[index]);
    } catch (error) {
      errors.push(toWriteError(index, error));
      if (ordered) break;
    }
  }
  return errors;
}

function withWriteErrors(reply: Document, errors: WriteError[]): Document {
  return errors.length > 0 ? { ...reply, writeErrors: errors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (context) => {
  const name = writableCollection(context);
  const documents = statements(context, 'documents');
  let n = 0;
  const errors = eachStatement(context, documents, (document) => {
    if (!isPlainObject(document)) throw new MongoCommandError(14, 'documents to insert must be objects');
    if (Array.isArray(document._id))
      throw new MongoCommandError(53, "The '_id' value cannot be of type array");
    context.server.store.collectionForWrite(context.db, name).insert(withIdFirst(document));
    n++;
  });
  return withWriteErrors({ n }, errors);
};

/** The stored documents a write's filter selects, in natural order. */
function matching(collection: StoredCollection | undefined, filter: Document): StoredDocument[] {
  const query = new Query(filter, mingoOptions());
  return withMingoErrors(() => (collection?.all() ?? []).filter((stored) => query.test(stored.view)));
}

function sameBson(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)));
}

function requireCollectionNotView(context: CommandContext, name: string): void {
  if (context.server.store.view(context.db, name)) {
    throw new MongoCommandError(166, `Namespace ${context.db}.${name} is a view, not a collection`);
  }
}

const update: CommandHandler = (context) => {
  const name = writableCollection(context);
  const store = context.server.store;
  let n = 0;
  let nModified = 0;
  const upserted: Array<{ index: number; _id: unknown }> = [];
  const list = statements(context, 'updates');
  let index = -1;
  const errors = eachStatement(context, list, (statement) => {
    index++;
    if (!isPlainObject(statement)) throw new MongoCommandError(14, 'update statements must be objects');
    requireCollectionNotView(context, name);
    const q = isPlainObject(statement.q) ? statement.q : {};
    const u = statement.u as Document | Document[];
    const kind = classifyUpdate(u);
    const multi = statement.multi === true;
    if (multi && kind === 'replacement') {
      throw new MongoCommandError(9, 'multi update is not supported for replacement-style update');
    }
    const arrayFilters = statement.arrayFilters as Document[] | undefined;
    const filter = compileFilter(q, 'find');
    const collection = store.collection(context.db, name);
    const targets = matching(collection, filter);
    if (targets.length === 0) {
      if (statement.upsert === true) {
        const seed = upsertSeed(q);
        const document = withIdFirst(
          kind === 'replacement'
            ? { _id: (u as Document)._id ?? seed._id, ...(u as Document) }
            : applyUpdate(seed, u, arrayFilters, filter, true),
        );
        store.collectionForWrite(context.db, name).insert(document);
        upserted.push({ index, _id: document._id });
        n++;
      }
      return;
    }
    for (const target of multi ? targets : targets.slice(0, 1)) {
      const next = applyUpdate(target.typed, u, arrayFilters, filter);
      n++;
      if (!sameBson(next, target.typed)) {
        collection!.replace(next);
        nModified++;
      }
    }
  });
  return withWriteErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, errors);
};

const remove: CommandHandler = (context) => {
  const name = writableCollection(context);
  let n = 0;
  const errors = eachStatement(context, statements(context, 'deletes'), (statement) => {
    if (!isPlainObject(statement)) throw new MongoCommandError(14, 'delete statements must be objects');
    requireCollectionNotView(context, name);
    const limit = toView(statement.limit);
    if (limit !== 0 && limit !== 1) {
      throw new MongoCommandError(
        9,
        `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`,
      );
    }
    const collection = context.server.store.collection(context.db, name);
    const filter = compileFilter(isPlainObject(statement.q) ? statement.q : {}, 'find');
    const targets = matching(collection, filter);
    for (const target of limit === 1 ? targets.slice(0, 1) : targets) {
      collection!.delete(target.typed._id);
      n++;
    }
  });
  return withWriteErrors({ n }, errors);
};

function project(document: Document | null, projection: Document | undefined): Document | null {
  if (!document || !projection || Object.keys(projection).length === 0) return document;
  const viewProjection = toView(projection) as Document;
  const [projected] = new Query({}, mingoOptions()).find([toViewDocument(document)], viewProjection).all();
  return fromViewDocument(inSourceOrder(projected, document, viewProjection) as Document, document);
}

/** `findAndModify`: what findOneAndUpdate / findOneAndReplace / findOneAndDelete send. */
const findAndModify: CommandHandler = (context) => {
  const name = writableCollection(context);
  requireCollectionNotView(context, name);
  const store = context.server.store;
  const removing = optionalBoolean(context, 'remove') ?? false;
  const u = context.body.update as Document | Document[] | undefined;
  const returnNew = optionalBoolean(context, 'new') ?? false;
  if (removing && u !== undefined)
    throw new MongoCommandError(9, 'Cannot specify both an update and remove=true');
  if (!removing && u === undefined)
    throw new MongoCommandError(9, 'Either an update or remove=true must be specified');
  if (removing && returnNew) {
    throw new MongoCommandError(
      9,
      "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
    );
  }
  const query = optionalDocument(context, 'query') ?? {};
  const filter = compileFilter(query, 'find');
  const fields = optionalDocument(context, 'fields');
  const collection = store.collection(context.db, name);
  let targets = matching(collection, filter);
  const sort = optionalDocument(context, 'sort');
  if (sort && Object.keys(sort).length > 0) {
    targets = sortDocuments(targets, parseSortSpec(sort, 'find'), (stored) => stored.view);
  }
  const target = targets[0];

  if (removing) {
    if (target) collection!.delete(target.typed._id);
    return { lastErrorObject: { n: target ? 1 : 0 }, value: project(target?.typed ?? null, fields), ok: 1 };
  }
  const arrayFilters = optionalArray(context, 'arrayFilters') as Document[] | undefined;
  if (!target) {
    if (optionalBoolean(context, 'upsert') !== true) {
      return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    }
    const seed = upsertSeed(query);
    const document = withIdFirst(
      classifyUpdate(u) === 'replacement'
        ? { _id: (u as Document)._id ?? seed._id, ...(u as Document) }
        : applyUpdate(seed, u!, arrayFilters, filter, true),
    );
    store.collectionForWrite(context.db, name).insert(document);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: document._id },
      value: returnNew ? project(document, fields) : null,
      ok: 1,
    };
  }
  const next = applyUpdate(target.typed, u!, arrayFilters, filter);
  if (!sameBson(next, target.typed)) collection!.replace(next);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(returnNew ? next : target.typed, fields),
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
};
