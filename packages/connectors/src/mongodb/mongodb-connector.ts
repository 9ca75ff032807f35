import {
  AppError,
  isFilterGroup,
  type CredentialReport,
  type Definition,
  type FilterGroup,
} from '@connect/core';
import type { Db, Document } from 'mongodb';
import type {
  ConnectionTestResult,
  Connector,
  ConnectorCapabilities,
  CountRequest,
  CountResult,
  DescribeOptions,
  OperationOptions,
  PreviewRequest,
  PreviewResult,
  SortKey,
  SourceDescription,
  SourceSummary,
  StreamRequest,
} from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { checkFilter } from '../filter/check-filter';
import { countRequestSchema, parseRequest, previewRequestSchema, streamRequestSchema } from '../requests';
import type { Row } from '../rows/json-safe';
import { formatSourceId, sourceRefSchema, type SourceRef } from '../source-ref';
import { compileMongoFilter } from './compile-filter';
import type { MongodbConfig } from './config';
import { openMongoSession, type MongoSession, type MongoSessionOptions } from './connect';
import { mapMongoError, serverErrorCode } from './errors';
import { isFieldPath } from './infer-fields';
import {
  describeMongoSource,
  findMongoSource,
  listMongoSources,
  probeMongoPaths,
  sourceNotFound,
  type MongoRunOptions,
  type MongoSourceInfo,
} from './introspect';
import { documentToRow } from './json-safe-document';
import { previewColumns } from './preview-columns';
import { inspectMongoPrivileges } from './privileges';
import { parsePipeline } from './raw-pipeline';
import { streamMongo } from './stream';

export const mongodbCapabilities: ConnectorCapabilities = {
  queryLanguage: 'mongodb-pipeline',
  // estimatedDocumentCount from metadata; a filtered estimate from a $sample.
  countEstimate: true,
  sourceRowEstimates: true,
  // Pipelines are checked for $out/$merge before they run; MongoDB has no read-only mode to enforce it.
  readOnlyTransactions: false,
  // An abort closes the connection the command runs on (mongod 4.2+ then stops the
  // command), which the suite cannot observe against the test server; maxTimeMS
  // always bounds it on the server.
  serverSideCancel: false,
  resumableStreams: false,
  sourceTypes: ['collection', 'view'],
};

/** Described sources are reused briefly: a user editing a filter previews many times a minute. */
const describeTtlMs = 30_000;

/** Where the documents of a request come from: a collection and the stages that select them. */
interface Plan {
  collection: string;
  pipeline: Document[];
  /** Filter definitions only: the described source. */
  info?: MongoSourceInfo;
}

/** The field names a filter's enabled rules use. */
function ruleFields(group: FilterGroup): string[] {
  return group.rules.flatMap((node) => {
    if (node.disabled) return [];
    return isFilterGroup(node) ? ruleFields(node) : [node.field];
  });
}

const commandOptions = (run: MongoRunOptions) => ({ maxTimeMS: run.timeoutMs, signal: run.signal });

/**
 * The MongoDB connector: collections and views of one database, fields inferred
 * from sampled documents, filters compiled to `$match`, raw queries as aggregation
 * pipelines. Everything it reads is an aggregation with `maxTimeMS`, pushed down:
 * filtering, sorting, paging and counting happen in MongoDB.
 */
export class MongoConnector implements Connector {
  readonly kind = 'mongodb' as const;
  readonly capabilities = mongodbCapabilities;
  private readonly described = new Map<string, { expires: number; value: Promise<MongoSourceInfo> }>();
  private databaseSeen = false;

  constructor(private readonly session: MongoSession) {}

  async test(options: OperationOptions = {}): Promise<ConnectionTestResult> {
    const run = this.run(options);
    return this.withDb(run, async (db) => {
      const build = await db.command({ buildInfo: 1 }, commandOptions(run));
      const started = performance.now();
      await db.command({ ping: 1 }, commandOptions(run));
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      await this.checkDatabase(db, run);
      return { serverVersion: `MongoDB ${String(build.version ?? 'unknown')}`, latencyMs };
    });
  }

  async listSources(options: OperationOptions = {}): Promise<SourceSummary[]> {
    const run = this.run(options);
    return this.withDb(run, async (db) => {
      await this.checkDatabase(db, run);
      return listMongoSources(db, run);
    });
  }

  async describe(source: SourceRef, options: DescribeOptions = {}): Promise<SourceDescription> {
    const ref = parseRequest(sourceRefSchema, source);
    const run = this.run(options);
    return this.withDb(run, async (db) => {
      const value = describeMongoSource(db, ref, this.session.sampleSize, run);
      this.remember(ref, value);
      const info = await value;
      if (options.paths && options.paths.length > 0) await this.addPaths(db, info, options.paths, run);
      return { ...info.description, fields: [...info.description.fields] };
    });
  }

  async preview(request: PreviewRequest): Promise<PreviewResult> {
    const parsed = parseRequest(previewRequestSchema, request);
    const run = this.run(request, parsed.timeoutMs);
    return this.withDb(run, async (db) => {
      const plan = await this.plan(db, parsed.definition, parsed.source, run);
      const sort = await this.sortSpec(db, plan, parsed.sort, 'sort by', run);
      const skip = (parsed.page - 1) * parsed.pageSize;
      const pipeline = [
        ...plan.pipeline,
        ...(sort ? [{ $sort: sort }] : []),
        ...(skip > 0 ? [{ $skip: skip }] : []),
        { $limit: parsed.pageSize + 1 },
      ];
      const documents = await db
        .collection(plan.collection)
        .aggregate(pipeline, { ...commandOptions(run), batchSize: parsed.pageSize + 1, promoteValues: false })
        .toArray();
      const page = documents.slice(0, parsed.pageSize);
      return {
        columns: previewColumns(plan.info?.description.fields, page),
        rows: page.map(documentToRow),
        page: parsed.page,
        pageSize: parsed.pageSize,
        hasMore: documents.length > parsed.pageSize,
      };
    });
  }

  async count(request: CountRequest): Promise<CountResult> {
    const parsed = parseRequest(countRequestSchema, request);
    const run = this.run(
      request,
      parsed.timeoutMs ?? (parsed.exact ? this.session.countTimeoutMs : this.session.queryTimeoutMs),
    );
    return this.withDb(run, async (db) => {
      const plan = await this.plan(db, parsed.definition, parsed.source, run);
      const collection = db.collection(plan.collection);
      // Only a collection keeps a document count; views and pipelines are counted.
      if (!parsed.exact && plan.info?.type === 'collection') {
        const total = await collection.estimatedDocumentCount(commandOptions(run));
        if (plan.pipeline.length === 0 || total === 0) return { count: total, exact: false };
        const size = Math.min(this.session.sampleSize, total);
        const [sampled] = await collection
          .aggregate([{ $sample: { size } }, ...plan.pipeline, { $count: 'n' }], commandOptions(run))
          .toArray();
        return { count: Math.round((Number(sampled?.n ?? 0) * total) / size), exact: false };
      }
      // $count yields no document at all when nothing matches.
      const [counted] = await collection
        .aggregate([...plan.pipeline, { $count: 'n' }], commandOptions(run))
        .toArray();
      return { count: Number(counted?.n ?? 0), exact: true };
    });
  }

  async *stream(request: StreamRequest): AsyncIterable<Row[]> {
    const parsed = parseRequest(streamRequestSchema, request);
    if (parsed.after)
      throw new AppError('invalid_input', 'MongoDB streams cannot continue after a row; start them again.');
    // MongoDB counts maxTimeMS over the whole cursor: a cohort gets the longer, count time limit.
    const run = this.run(request, parsed.timeoutMs ?? this.session.countTimeoutMs);
    let db: Db;
    let plan: Plan;
    let sort: Map<string, 1 | -1> | undefined;
    try {
      db = await this.session.db();
      plan = await this.plan(db, parsed.definition, parsed.source, run);
      const order: SortKey[] =
        parsed.orderBy === undefined ? [] : [{ field: parsed.orderBy, direction: 'asc' }];
      sort = await this.sortSpec(db, plan, order, 'order by', run);
    } catch (error) {
      throw this.fail(error, run);
    }
    yield* streamMongo(
      db.collection(plan.collection),
      sort ? [...plan.pipeline, { $sort: sort }] : plan.pipeline,
      {
        batchSize: parsed.batchSize,
        signal: run.signal,
        timeoutMs: run.timeoutMs,
        fail: (error) => this.fail(error, run),
      },
    );
  }

  inspectPrivileges(options: OperationOptions = {}): Promise<CredentialReport> {
    return inspectMongoPrivileges(this.session, this.run(options));
  }

  async close(): Promise<void> {
    this.described.clear();
    await this.session.close();
  }

  private run(options: OperationOptions, timeoutMs?: number): MongoRunOptions {
    return {
      signal: options.signal,
      timeoutMs: timeoutMs ?? options.timeoutMs ?? this.session.queryTimeoutMs,
    };
  }

  /** What a failure means to the caller: the abort reason when aborted, else a ConnectorError where one applies. */
  private fail(error: unknown, run: MongoRunOptions): unknown {
    if (run.signal?.aborted) return run.signal.reason;
    return mapMongoError(error, { session: this.session, timeoutMs: run.timeoutMs });
  }

  private async withDb<T>(run: MongoRunOptions, work: (db: Db) => Promise<T>): Promise<T> {
    run.signal?.throwIfAborted();
    try {
      return await work(await this.session.db());
    } catch (error) {
      throw this.fail(error, run);
    }
  }

  /**
   * MongoDB creates a database on first write, so a misspelt name is just empty:
   * say so instead. Users who may not list databases are given the benefit of the doubt.
   */
  private async checkDatabase(db: Db, run: MongoRunOptions) {
    if (this.databaseSeen) return;
    try {
      const reply = await db.client
        .db('admin')
        .command(
          { listDatabases: 1, nameOnly: true, authorizedDatabases: true, filter: { name: db.databaseName } },
          commandOptions(run),
        );
      if ((reply.databases as Document[] | undefined)?.length === 0) {
        const { host, port } = this.session.endpoint;
        throw new ConnectorError(
          'unknown_database',
          `There is no database "${db.databaseName}" at ${host}:${port} that this user can read. Check the database name in the connection string or the form.`,
        );
      }
      this.databaseSeen = true;
    } catch (error) {
      if (serverErrorCode(error) === 13) return;
      throw error;
    }
  }

  private remember(ref: SourceRef, value: Promise<MongoSourceInfo>) {
    const key = formatSourceId(ref);
    this.described.set(key, { expires: Date.now() + describeTtlMs, value });
    value.catch(() => this.described.delete(key));
  }

  private describeCached(db: Db, ref: SourceRef, run: MongoRunOptions): Promise<MongoSourceInfo> {
    const cached = this.described.get(formatSourceId(ref));
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = describeMongoSource(db, ref, this.session.sampleSize, run);
    this.remember(ref, value);
    return value;
  }

  /**
   * Adds fields the sample missed to a described source, by path. A saved filter
   * may name such a field (the user added it by path); it must keep working when a
   * fresh sample misses it again.
   */
  private async addPaths(db: Db, info: MongoSourceInfo, paths: string[], run: MongoRunOptions) {
    const missing = paths.filter((path) => !info.kinds.has(path));
    if (missing.length === 0) return;
    for (const field of await probeMongoPaths(db, info, missing, run)) {
      if (info.kinds.has(field.descriptor.name)) continue;
      info.description.fields.push(field.descriptor);
      info.kinds.set(field.descriptor.name, field.kind);
    }
  }

  private async plan(
    db: Db,
    definition: Definition,
    source: SourceRef | undefined,
    run: MongoRunOptions,
  ): Promise<Plan> {
    if (!source)
      throw new AppError(
        'invalid_input',
        definition.type === 'query'
          ? 'Choose the collection the pipeline runs on.'
          : 'Choose a collection to filter.',
      );
    if (definition.type === 'query') {
      const pipeline = parsePipeline(definition.query);
      // An aggregation on a collection that does not exist returns nothing; a cohort should say why.
      const found = await findMongoSource(db, source, run);
      if (!found) throw sourceNotFound(source);
      return { collection: found.name, pipeline };
    }
    const info = await this.describeCached(db, source, run);
    const filter = definition.filter as FilterGroup;
    await this.addPaths(db, info, ruleFields(filter), run);
    const match = compileMongoFilter(checkFilter(filter, info.description.fields), info.kinds);
    return {
      collection: info.name,
      pipeline: Object.keys(match).length > 0 ? [{ $match: match }] : [],
      info,
    };
  }

  /**
   * The `$sort` for sort keys, checked against the described fields (or, for a
   * pipeline, checked to be a field path), with `_id` last so the order is total:
   * pages neither repeat nor skip documents, and any field can order a stream.
   * Undefined for a pipeline with no sort keys: its own order stands.
   */
  private async sortSpec(
    db: Db,
    plan: Plan,
    keys: SortKey[],
    verb: string,
    run: MongoRunOptions,
  ): Promise<Map<string, 1 | -1> | undefined> {
    if (!plan.info && keys.length === 0) return undefined;
    if (plan.info)
      await this.addPaths(
        db,
        plan.info,
        keys.map((key) => key.field),
        run,
      );
    // A Map keeps the keys in order even when a field name looks like a number.
    const spec = new Map<string, 1 | -1>();
    for (const key of keys) {
      const field = plan.info?.description.fields.find((candidate) => candidate.name === key.field);
      const sortable = plan.info
        ? field !== undefined && field.type !== 'json' && field.type !== 'array'
        : isFieldPath(key.field);
      if (!sortable)
        throw new ConnectorError(
          'invalid_filter',
          `Cannot ${verb} "${key.field.slice(0, 80)}": there is no such sortable field.`,
        );
      spec.set(key.field, key.direction === 'asc' ? 1 : -1);
    }
    if (!spec.has('_id')) spec.set('_id', 1);
    return spec;
  }
}

/** A new MongoDB connector for one connection's (validated) config. */
export function createMongodbConnector(config: MongodbConfig, options: MongoSessionOptions = {}): Connector {
  return new MongoConnector(openMongoSession(config, options));
}
