import { BSON, EJSON, ObjectId, UUID, type Document } from 'bson';
import { toViewDocument } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';

/** A stored document: its typed BSON (the truth) and a cached view for read-only matching. */
export interface StoredDocument {
  readonly typed: Document;
  readonly view: Document;
}

/** Raised on an `_id` clash; write commands turn it into a write error. */
export class DuplicateKeyError extends MongoCommandError {
  constructor(
    namespace: string,
    readonly keyValue: Document,
  ) {
    super(
      11000,
      `E11000 duplicate key error collection: ${namespace} index: _id_ dup key: ${formatKey(keyValue)}`,
    );
  }
}

/**
 * One collection: documents in natural (insertion) order, unique by `_id`. An update
 * keeps a document's position, as a WiredTiger record keeps its RecordId.
 */
export class StoredCollection {
  readonly uuid = new UUID();
  /**
   * Index specifications as listIndexes reports them. Only recorded: queries scan,
   * and only the `_id` index enforces anything (uniqueness).
   */
  readonly indexes: Document[] = [{ v: 2, key: { _id: 1 }, name: '_id_' }];
  private readonly documents = new Map<string, StoredDocument>();
  private snapshot: StoredDocument[] | undefined;

  constructor(
    readonly database: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  get namespace(): string {
    return `${this.database}.${this.name}`;
  }

  get size(): number {
    return this.documents.size;
  }

  /** The documents in natural order; the array is shared until the next write. */
  all(): readonly StoredDocument[] {
    this.snapshot ??= [...this.documents.values()];
    return this.snapshot;
  }

  /** Approximate storage size: the sum of the documents' BSON sizes. */
  dataSize(): number {
    let total = 0;
    for (const stored of this.documents.values()) total += BSON.calculateObjectSize(stored.typed);
    return total;
  }

  /** Inserts a typed document that already has its `_id` first. */
  insert(typed: Document): StoredDocument {
    const key = idKey(typed._id);
    if (this.documents.has(key)) throw new DuplicateKeyError(this.namespace, { _id: typed._id });
    const stored = { typed, view: toViewDocument(typed) };
    this.documents.set(key, stored);
    this.snapshot = undefined;
    return stored;
  }

  /** Replaces the document with the same `_id` in place. */
  replace(typed: Document): void {
    const key = idKey(typed._id);
    if (!this.documents.has(key)) throw new Error(`bug: replacing a missing document ${key}`);
    this.documents.set(key, { typed, view: toViewDocument(typed) });
    this.snapshot = undefined;
  }

  delete(id: unknown): boolean {
    const deleted = this.documents.delete(idKey(id));
    if (deleted) this.snapshot = undefined;
    return deleted;
  }

  clear(): void {
    this.documents.clear();
    this.snapshot = undefined;
  }
}

/** A view definition as MongoDB keeps it in `<db>.system.views`. */
export interface ViewDefinition {
  name: string;
  viewOn: string;
  pipeline: Document[];
}

export const SYSTEM_VIEWS = 'system.views';

/**
 * The server's data: databases of collections, created implicitly by the first write
 * as in MongoDB. Views live where MongoDB keeps them, as documents of the database's
 * `system.views` collection, so they show up there exactly as on a real server.
 */
export class MemoryStore {
  private readonly databases = new Map<string, Map<string, StoredCollection>>();

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  collections(database: string): StoredCollection[] {
    return [...(this.databases.get(database)?.values() ?? [])];
  }

  collection(database: string, name: string): StoredCollection | undefined {
    return this.databases.get(database)?.get(name);
  }

  /** The collection, created (with its database) when missing: the implicit create of a write. */
  collectionForWrite(database: string, name: string): StoredCollection {
    if (this.view(database, name)) {
      throw new MongoCommandError(166, `Namespace ${database}.${name} is a view, not a collection`);
    }
    return this.collection(database, name) ?? this.createCollection(database, name, {});
  }

  createCollection(database: string, name: string, options: Document): StoredCollection {
    if (this.collection(database, name) || this.view(database, name)) {
      throw new MongoCommandError(48, `Collection already exists. NS: ${database}.${name}`);
    }
    let collections = this.databases.get(database);
    if (!collections) {
      collections = new Map();
      this.databases.set(database, collections);
    }
    const collection = new StoredCollection(database, name, options);
    collections.set(name, collection);
    return collection;
  }

  view(database: string, name: string): ViewDefinition | undefined {
    const views = this.collection(database, SYSTEM_VIEWS);
    if (!views) return undefined;
    const stored = views.all().find((entry) => entry.typed._id === `${database}.${name}`);
    if (!stored) return undefined;
    return { name, viewOn: stored.typed.viewOn as string, pipeline: stored.typed.pipeline as Document[] };
  }

  views(database: string): ViewDefinition[] {
    const views = this.collection(database, SYSTEM_VIEWS);
    if (!views) return [];
    return views.all().map((entry) => ({
      name: (entry.typed._id as string).slice(database.length + 1),
      viewOn: entry.typed.viewOn as string,
      pipeline: entry.typed.pipeline as Document[],
    }));
  }

  createView(database: string, name: string, viewOn: string, pipeline: Document[]): void {
    if (this.collection(database, name) || this.view(database, name)) {
      throw new MongoCommandError(48, `Collection already exists. NS: ${database}.${name}`);
    }
    const views =
      this.collection(database, SYSTEM_VIEWS) ?? this.createCollection(database, SYSTEM_VIEWS, {});
    views.insert({ _id: `${database}.${name}`, viewOn, pipeline });
  }

  /** Drops a collection or view; false when there was nothing to drop. */
  drop(database: string, name: string): boolean {
    if (this.view(database, name)) {
      this.collection(database, SYSTEM_VIEWS)!.delete(`${database}.${name}`);
      return true;
    }
    const collections = this.databases.get(database);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(database);
    return true;
  }

  dropDatabase(database: string): void {
    this.databases.delete(database);
  }
}

/**
 * The identity of an `_id` value. Numbers of different BSON types that are equal
 * (1, 1.0, NumberLong(1)) are the same key, as in MongoDB's _id index.
 */
export function idKey(id: unknown): string {
  return EJSON.stringify({ k: toViewDocument({ k: id }).k }, { relaxed: true });
}

/** Formats a key as mongod prints it in duplicate key errors: `{ _id: 1 }`. */
function formatKey(key: Document): string {
  const parts = Object.entries(key).map(([field, value]) => `${field}: ${formatValue(value)}`);
  return `{ ${parts.join(', ')} }`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  const view = toViewDocument({ v: value }).v;
  if (typeof view === 'number') return String(view);
  return EJSON.stringify(value, { relaxed: true });
}
