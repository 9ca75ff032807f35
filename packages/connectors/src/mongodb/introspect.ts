import type { Collection, Db, Document } from 'mongodb';
import type { SourceDescription, SourceSummary } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { formatSourceId, sourceLabel, type SourceRef } from '../source-ref';
import type { BsonKind } from './bson-kinds';
import { serverErrorCode } from './errors';
import { FieldSampler, isFieldPath, type InferredField } from './infer-fields';

export interface MongoRunOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

/** What the connector knows about one collection or view. */
export interface MongoSourceInfo {
  name: string;
  type: 'collection' | 'view';
  description: SourceDescription;
  /** The BSON kind filter values are sent as, by field name. */
  kinds: Map<string, BsonKind>;
  /** Enum values from the collection's validator, by path (for fields added by path too). */
  enums: Map<string, string[]>;
}

interface FoundSource {
  name: string;
  type: 'collection' | 'view';
  options: Document;
}

/** Beyond this many collections, listing them skips the per-collection count estimates. */
const maxEstimatedSources = 500;
/** At most this many missed paths are looked up per call. */
const maxProbedPaths = 20;

const visibleTypes: Record<string, 'collection' | 'view'> = {
  collection: 'collection',
  timeseries: 'collection',
  view: 'view',
};

const commandOptions = (run: MongoRunOptions) => ({ maxTimeMS: run.timeoutMs, signal: run.signal });

/** `system.*` collections belong to MongoDB (views' definitions, profiles, ...), not to the user. */
function isVisible(info: { name: string; type?: string }): boolean {
  return !info.name.startsWith('system.') && visibleTypes[info.type ?? 'collection'] !== undefined;
}

/** Runs `work` over items with at most `limit` at a time. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit)
    results.push(...(await Promise.all(items.slice(start, start + limit).map(work))));
  return results;
}

/**
 * Collections and views of the database, `system.*` hidden, with each collection's
 * document count from its metadata (MongoDB keeps it; nothing is counted).
 */
export async function listMongoSources(db: Db, run: MongoRunOptions): Promise<SourceSummary[]> {
  const infos = await db
    .listCollections({}, { nameOnly: true, authorizedCollections: true, ...commandOptions(run) })
    .toArray();
  const visible = infos.filter(isVisible).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const estimate = visible.length <= maxEstimatedSources;
  return inBatches(visible, 8, async (info) => {
    const type = visibleTypes[info.type ?? 'collection']!;
    const ref = { name: info.name };
    const estimatedRows =
      estimate && type === 'collection'
        ? await db
            .collection(info.name)
            .estimatedDocumentCount(commandOptions(run))
            .catch(() => null)
        : null;
    return { ref, id: formatSourceId(ref), type, estimatedRows };
  });
}

/** The collection or view a ref names, or undefined (system collections and foreign schemas included). */
export async function findMongoSource(
  db: Db,
  ref: SourceRef,
  run: MongoRunOptions,
): Promise<FoundSource | undefined> {
  if (ref.schema !== undefined && ref.schema !== db.databaseName) return undefined;
  let infos: Document[];
  try {
    infos = await db.listCollections({ name: ref.name }, commandOptions(run)).toArray();
  } catch (error) {
    // A user allowed to read only some collections may list just their names.
    if (serverErrorCode(error) !== 13) throw error;
    infos = await db
      .listCollections(
        { name: ref.name },
        { nameOnly: true, authorizedCollections: true, ...commandOptions(run) },
      )
      .toArray();
  }
  const info = infos.find((candidate) => candidate.name === ref.name);
  if (!info || !isVisible(info as { name: string; type?: string })) return undefined;
  return {
    name: ref.name,
    type: visibleTypes[(info.type as string | undefined) ?? 'collection']!,
    options: (info.options as Document | undefined) ?? {},
  };
}

export function sourceNotFound(ref: SourceRef): ConnectorError {
  return new ConnectorError(
    'source_not_found',
    `There is no collection or view ${sourceLabel(ref)} that this user can read. Refresh the list of collections.`,
  );
}

/**
 * Enum values from a collection's `$jsonSchema` validator, by dot path: a property
 * whose `enum` lists only text (and perhaps null) is an enum field. The server
 * enforces the validator, so these are the values the field can hold, in the
 * order the schema gives them.
 */
export function validatorEnums(options: Document): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (schema: unknown, prefix: string, depth: number) => {
    if (typeof schema !== 'object' || schema === null || depth > 20) return;
    const { properties, items } = schema as { properties?: unknown; items?: unknown };
    if (typeof properties === 'object' && properties !== null)
      for (const [key, property] of Object.entries(properties)) {
        const path = prefix === '' ? key : `${prefix}.${key}`;
        const values = (property as { enum?: unknown })?.enum;
        if (Array.isArray(values)) {
          const text = values.filter((value): value is string => typeof value === 'string');
          if (text.length > 0 && text.length === values.filter((value) => value !== null).length)
            found.set(path, text);
        }
        walk(property, path, depth + 1);
      }
    // Arrays of documents: their fields are described through the array, as `parent.child`.
    if (typeof items === 'object' && items !== null && !Array.isArray(items)) walk(items, prefix, depth + 1);
  };
  walk((options.validator as Document | undefined)?.$jsonSchema, '', 0);
  return found;
}

/** Single-field unique indexes, whole-collection only: each holds every value at most once. */
async function uniqueFields(collection: Collection, run: MongoRunOptions): Promise<string[]> {
  const indexes = await collection
    .listIndexes(commandOptions(run))
    .toArray()
    .catch(() => [] as Document[]);
  return indexes
    .filter((index) => index.unique === true && !index.partialFilterExpression && !index.sparse)
    .map((index) => Object.keys(index.key as Document))
    .filter((keys) => keys.length === 1 && keys[0] !== '_id')
    .map((keys) => keys[0]!);
}

function sourceInfo(
  found: FoundSource,
  fields: InferredField[],
  unique: string[],
  enums: Map<string, string[]>,
): MongoSourceInfo {
  const names = new Set(fields.map((field) => field.descriptor.name));
  const id = fields.find((field) => field.descriptor.name === '_id');
  return {
    name: found.name,
    type: found.type,
    description: {
      ref: { name: found.name },
      fields: fields.map((field) => field.descriptor),
      // Every stored document has an _id; a view's documents have one unless its pipeline drops it.
      primaryKey: id && id.descriptor.presence === 1 ? ['_id'] : [],
      uniqueFields: unique.filter((name) => names.has(name)),
    },
    kinds: new Map(fields.map((field) => [field.descriptor.name, field.kind])),
    enums,
  };
}

/**
 * Describes a collection or view from a random sample of its documents (`$sample`,
 * read one batch at a time, never all at once): every field as a dot path, typed by
 * the majority of its values, with how often it is present.
 */
export async function describeMongoSource(
  db: Db,
  ref: SourceRef,
  sampleSize: number,
  run: MongoRunOptions,
): Promise<MongoSourceInfo> {
  const found = await findMongoSource(db, ref, run);
  if (!found) throw sourceNotFound(ref);
  const collection = db.collection(found.name);
  const sampler = new FieldSampler();
  const cursor = collection.aggregate([{ $sample: { size: sampleSize } }], {
    ...commandOptions(run),
    batchSize: Math.min(sampleSize, 1_000),
    promoteValues: false,
  });
  const [unique] = await Promise.all([
    found.type === 'view' ? Promise.resolve([]) : uniqueFields(collection, run),
    (async () => {
      for await (const document of cursor) sampler.add(document);
    })(),
  ]);
  const enums = validatorEnums(found.options);
  return sourceInfo(found, sampler.fields(enums), unique, enums);
}

/**
 * Looks up fields the sample missed, by path: reads a few documents that have each
 * path and infers its type from them. Returns the fields found (presence 0: the
 * sample did not see them); paths no document has are left out.
 */
export async function probeMongoPaths(
  db: Db,
  info: MongoSourceInfo,
  paths: string[],
  run: MongoRunOptions,
): Promise<InferredField[]> {
  const known = new Set(info.description.fields.map((field) => field.name));
  const wanted = [...new Set(paths)]
    .filter((path) => !known.has(path) && isFieldPath(path))
    .slice(0, maxProbedPaths);
  const collection = db.collection(info.name);
  const found = await Promise.all(
    wanted.map(async (path): Promise<InferredField | undefined> => {
      const projection = path === '_id' || path.startsWith('_id.') ? { [path]: 1 } : { _id: 0, [path]: 1 };
      const documents = await collection
        .aggregate([{ $match: { [path]: { $exists: true } } }, { $limit: 50 }, { $project: projection }], {
          ...commandOptions(run),
          promoteValues: false,
        })
        .toArray();
      const sampler = new FieldSampler();
      for (const document of documents) sampler.add(document);
      const field = sampler.field(path, info.enums.get(path));
      if (!field) return undefined;
      return { ...field, descriptor: { ...field.descriptor, presence: 0, nullable: true } };
    }),
  );
  return found.filter((field): field is InferredField => field !== undefined);
}
