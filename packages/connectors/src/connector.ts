import type { CredentialReport, Definition, FieldType } from '@connect/core';
import type { Row } from './rows/json-safe';
import type { SourceRef } from './source-ref';

/**
 * The one interface every customer database sits behind. The web app and the worker
 * only ever talk to this; nothing outside this package imports a database driver.
 *
 * Lifecycle: a registry factory returns a new connector for one connection's config
 * (no I/O happens until the first call); it holds a small connection pool; `close()`
 * ends it. A connector may serve many concurrent calls. Everything it reads runs
 * read-only, with a time limit, and is pushed down to the database: filtering,
 * sorting, paging and counting never happen in Node.
 *
 * Errors users can act on are `ConnectorError`s (an `AppError` with a `reason`).
 * Aborting an operation's `signal` stops the query on the database as well, and the
 * call rejects with the signal's reason.
 */
export interface Connector {
  readonly kind: ConnectorKind;
  /** What this kind can do, as data; callers branch on this, never on `kind`. */
  readonly capabilities: ConnectorCapabilities;

  /** Connects and round-trips a trivial query: proves the config works. */
  test(options?: OperationOptions): Promise<ConnectionTestResult>;

  /** Tables, views and materialized views (or collections) the user can read, system schemas hidden. */
  listSources(options?: OperationOptions): Promise<SourceSummary[]>;

  /** The fields of one source with their filter types, and its primary key. Throws `source_not_found`. */
  describe(source: SourceRef, options?: DescribeOptions): Promise<SourceDescription>;

  /** One page of the rows a definition selects, sorted; at most {@link maxPageSize} rows. */
  preview(request: PreviewRequest): Promise<PreviewResult>;

  /** How many rows a definition selects: a fast estimate, or an exact count with its own time limit. */
  count(request: CountRequest): Promise<CountResult>;

  /**
   * Every row a definition selects, exactly once, in a stable order (the primary key,
   * or `orderBy`; a raw query without `orderBy` keeps whatever order the database
   * gives), in batches of at most `batchSize`. Rows are read from one
   * consistent snapshot (SQL: a read-only repeatable-read transaction) and only as
   * fast as the consumer takes batches, so memory stays flat however many rows there
   * are. Leaving the loop early (break, throw, abort) ends the query and frees its
   * connection.
   */
  stream(request: StreamRequest): AsyncIterable<Row[]>;

  /**
   * What the connection's user may do beyond reading (superuser, server files, admin
   * roles, write grants or ownership on the data Connect browses), with the script
   * that creates a read-only user instead. Reads the catalog only, read-only like
   * every other call. A check the user is not allowed to make does not throw: it is
   * reported as an `unknown` warning. Rejects only when `signal` aborts.
   */
  inspectPrivileges(options?: OperationOptions): Promise<CredentialReport>;

  /** Closes the pool. Calls after `close()` fail. */
  close(): Promise<void>;
}

/** The kinds of database Connect reads. */
export type ConnectorKind = 'postgres' | 'mysql' | 'mongodb' | 'snowflake';

export interface ConnectorCapabilities {
  /** The language of raw-query definitions. */
  queryLanguage: 'sql' | 'mongodb-pipeline';
  /**
   * Whether `count({ exact: false })` returns a planner estimate. When false, it
   * counts exactly (and says so in `CountResult.exact`).
   */
  countEstimate: boolean;
  /** Whether `listSources` reports an estimated row count per source. */
  sourceRowEstimates: boolean;
  /** Raw queries run in a read-only transaction the server enforces. */
  readOnlyTransactions: boolean;
  /** An aborted operation is cancelled on the server too, not just abandoned. */
  serverSideCancel: boolean;
  /** Whether `stream` takes `after` (for table sources with a primary key). */
  resumableStreams: boolean;
  /** The kinds of source `listSources` can return. */
  sourceTypes: readonly SourceType[];
  /**
   * Whether the database can declare a column's allowed values (enum types, a schema
   * validator), so that `describe` reports `enum` fields with their values. Absent
   * means it can. Snowflake cannot: its text columns are always `string` fields.
   */
  enumFields?: boolean;
}

export interface OperationOptions {
  /** Aborting stops the operation and its query on the database. */
  signal?: AbortSignal;
  /** Overrides the connection's query time limit for this call. */
  timeoutMs?: number;
}

export interface DescribeOptions extends OperationOptions {
  /**
   * Fields to describe even if the kind's sampling did not see them (MongoDB: dot
   * paths such as `address.zip`, looked up in documents that have them). Kinds with
   * a fixed schema ignore this.
   */
  paths?: string[];
}

export interface ConnectionTestResult {
  /** As the server reports it, e.g. "PostgreSQL 15.4" or "MariaDB 10.11.6". */
  serverVersion: string;
  /** Round trip of a trivial query on an open connection, in milliseconds. */
  latencyMs: number;
}

export type SourceType = 'table' | 'view' | 'materialized_view' | 'foreign_table' | 'collection';

export interface SourceSummary {
  ref: SourceRef;
  /** `formatSourceId(ref)`: the string form for URLs. */
  id: string;
  type: SourceType;
  /** The database's own estimate (no counting); null when it has none (views, never analysed). */
  estimatedRows: number | null;
}

export interface FieldDescriptor {
  /** The column name (MongoDB: a dot path), exactly as a filter rule names it. */
  name: string;
  type: FieldType;
  /** The database's own type name, for display ("timestamp with time zone", "varchar(200)"). */
  nativeType: string;
  nullable: boolean;
  /** False for types no operator applies to (binary, geometry, ...): shown in previews, not offered in filters. */
  filterable: boolean;
  /** Number fields that hold whole numbers only; a filter value with a fraction is rejected. */
  integer?: boolean;
  /** Enum fields: the allowed values, in the database's order. */
  enumValues?: string[];
  /** Array fields: the type of the elements. */
  elementType?: 'string' | 'number';
  /** Id fields with a fixed format the value is checked against. */
  format?: 'uuid';
  /**
   * Kinds that infer fields from sampled documents (MongoDB): the share of sampled
   * documents that have this field, 0 to 1 (0 for a field added by path).
   */
  presence?: number;
}

export interface SourceDescription {
  ref: SourceRef;
  fields: FieldDescriptor[];
  /** Primary key columns in key order; empty when the source has none (views). */
  primaryKey: string[];
  /** Columns with a single-column unique constraint (usable as a stream order). */
  uniqueFields: string[];
}

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

/** Where rows come from: a source with a filter, or a raw query (which needs no source). */
export interface DefinitionRequest extends OperationOptions {
  /**
   * Required for filter definitions. Raw SQL names its own tables and ignores it; a
   * MongoDB pipeline runs on this collection, so it is required there too.
   */
  source?: SourceRef;
  definition: Definition;
}

export interface PreviewRequest extends DefinitionRequest {
  /**
   * Sort keys, applied in order; empty values sort first ascending, last descending.
   * Table sources break ties by primary key. A raw query's own ORDER BY is not
   * guaranteed to survive the wrapping (MariaDB drops it in a derived table): sort here.
   */
  sort?: SortKey[];
  /** 1-based. */
  page?: number;
  /** Default 50, at most {@link maxPageSize}. */
  pageSize?: number;
}

export interface PreviewColumn {
  name: string;
  /** The filter type when known (table sources, and raw-query columns of recognised types). */
  type: FieldType | null;
}

export interface PreviewResult {
  columns: PreviewColumn[];
  /** JSON-safe: big integers and decimals as strings, dates as ISO-8601 (UTC), binary as base64. */
  rows: Row[];
  page: number;
  pageSize: number;
  /** Whether a next page has at least one row. */
  hasMore: boolean;
}

export interface CountRequest extends DefinitionRequest {
  /** Count exactly (may take long; limited by `timeoutMs` or the connection's count time limit). */
  exact?: boolean;
}

export interface CountResult {
  count: number;
  /** False when `count` is the database's estimate. */
  exact: boolean;
}

export interface StreamRequest extends DefinitionRequest {
  /** Default 1,000, at most 10,000. */
  batchSize?: number;
  /** A unique field to order by instead of the primary key. */
  orderBy?: string;
  /**
   * Continue a stream that stopped: only rows after this one in primary-key order,
   * given by its primary-key values as the stream returned them (`{ id: 41 }`).
   * Kinds and sources that cannot (no primary key, raw queries, MongoDB) refuse it:
   * check {@link ConnectorCapabilities.resumableStreams} and the source's key first.
   */
  after?: Record<string, string | number>;
}

export const maxPageSize = 500;
export const defaultPageSize = 50;
export const defaultBatchSize = 1_000;
export const maxBatchSize = 10_000;
