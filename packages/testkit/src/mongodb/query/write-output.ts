import { ObjectId, type Document } from 'bson';
import { isPlainObject } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { DuplicateKeyError, idKey, type MemoryStore } from '../store/memory-store';

interface Target {
  database: string;
  collection: string;
}

function parseTarget(spec: unknown, database: string, stage: '$out' | '$merge'): Target {
  if (typeof spec === 'string') return { database, collection: spec };
  if (isPlainObject(spec)) {
    const collection = spec.coll;
    const db = spec.db ?? database;
    if (typeof collection === 'string' && typeof db === 'string') return { database: db, collection };
  }
  throw new MongoCommandError(
    stage === '$out' ? 16990 : 51178,
    `${stage} only supports a string or object argument, not ${Array.isArray(spec) ? 'array' : typeof spec}`,
  );
}

/** Documents headed for a collection get an ObjectId `_id` first when they have none. */
function withId(document: Document): Document {
  if (document._id !== undefined) return document;
  return { _id: new ObjectId(), ...document };
}

/**
 * Runs a final `$out` or `$merge`. The server implements them (rather than refusing)
 * so that a test can tell whether a write-stage ever reached the database.
 */
export function writeOutputStage(
  store: MemoryStore,
  database: string,
  stage: Document,
  results: Document[],
): void {
  if ('$out' in stage) {
    writeOut(store, parseTarget(stage.$out, database, '$out'), results);
  } else {
    writeMerge(store, database, stage.$merge, results);
  }
}

/** `$out` replaces the target collection's contents with the results, all or nothing. */
function writeOut(store: MemoryStore, target: Target, results: Document[]): void {
  const documents = results.map(withId);
  const seen = new Set<string>();
  for (const document of documents) {
    const key = idKey(document._id);
    if (seen.has(key)) {
      throw new DuplicateKeyError(`${target.database}.${target.collection}`, { _id: document._id });
    }
    seen.add(key);
  }
  const collection = store.collectionForWrite(target.database, target.collection);
  collection.clear();
  for (const document of documents) collection.insert(document);
}

/**
 * `$merge` on `_id` with the documented whenMatched / whenNotMatched modes. Joining
 * on other fields needs a unique index, which this server has none of, so it fails
 * the way mongod does without one.
 */
function writeMerge(store: MemoryStore, database: string, spec: unknown, results: Document[]): void {
  const into = isPlainObject(spec) ? spec.into : spec;
  const target = parseTarget(into, database, '$merge');
  const options = isPlainObject(spec) ? spec : {};
  const on = options.on ?? '_id';
  if (!(on === '_id' || (Array.isArray(on) && on.length === 1 && on[0] === '_id'))) {
    throw new MongoCommandError(51183, 'Cannot find index to verify that join fields will be unique');
  }
  const whenMatched = options.whenMatched ?? 'merge';
  const whenNotMatched = options.whenNotMatched ?? 'insert';
  if (typeof whenMatched !== 'string') {
    throw new MongoCommandError(
      238,
      'a $merge whenMatched pipeline is not supported by the Connect MongoDB test server',
    );
  }
  const collection = store.collectionForWrite(target.database, target.collection);
  const existing = new Map(collection.all().map((stored) => [idKey(stored.typed._id), stored.typed]));
  for (const result of results.map(withId)) {
    const current = existing.get(idKey(result._id));
    if (!current) {
      if (whenNotMatched === 'insert') collection.insert(result);
      else if (whenNotMatched === 'fail') {
        throw new MongoCommandError(
          13113,
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      }
      continue;
    }
    switch (whenMatched) {
      case 'replace':
        collection.replace(result);
        break;
      case 'merge':
        collection.replace({ ...current, ...result });
        break;
      case 'keepExisting':
        break;
      case 'fail':
        throw new DuplicateKeyError(collection.namespace, { _id: result._id });
      default:
        throw new MongoCommandError(
          9,
          `Enumeration value '${whenMatched}' for field 'whenMatched' is not a valid value.`,
        );
    }
  }
}
