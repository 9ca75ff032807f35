import type { CredentialReport } from '@connect/core';
import type {
  ConnectionTestResult,
  ConnectorCapabilities,
  ConnectorKind,
  FieldDescriptor,
  PreviewColumn,
  SourceDescription,
  SourceSummary,
} from '../connector';
import type { Row } from '../rows/json-safe';
import type { SourceRef } from '../source-ref';
import type { SqlDialect } from './sql-dialect';
import type { SqlQuery } from './sql-params';

export interface SqlRunOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** The described fields of a table source, for drivers that convert values by column type. */
  fields?: readonly FieldDescriptor[];
}

export interface SqlStreamOptions extends SqlRunOptions {
  batchSize: number;
}

/**
 * The small per-database primitives behind the shared SQL connector: run one
 * read-only statement, ask the planner for an estimate, stream through a cursor,
 * read the catalog. Every primitive runs read-only with a time limit, cancels on
 * the server when its signal aborts, and maps driver errors to ConnectorErrors.
 */
export interface SqlDriver {
  readonly kind: ConnectorKind;
  readonly capabilities: ConnectorCapabilities;
  readonly dialect: SqlDialect;
  readonly timeouts: { queryMs: number; countMs: number; streamMs: number };
  /**
   * How rows of a source without a primary key are put in a total order, so pages
   * neither repeat nor skip rows. Default `unique-column`: by its first unique
   * column, if it has one. `all-columns`: by every sortable column, for databases
   * whose catalog lists no keys and whose scans return rows in no fixed order
   * (Snowflake); any sortable column may then order a stream.
   */
  readonly keylessOrder?: 'unique-column' | 'all-columns';
  test(options: SqlRunOptions): Promise<ConnectionTestResult>;
  listSources(options: SqlRunOptions): Promise<SourceSummary[]>;
  describe(ref: SourceRef, options: SqlRunOptions): Promise<SourceDescription>;
  /** Rows made JSON-safe, and the result's columns. */
  query(query: SqlQuery, options: SqlRunOptions): Promise<{ rows: Row[]; columns: PreviewColumn[] }>;
  /** The planner's estimate of how many rows `query` returns. */
  estimate(query: SqlQuery, options: SqlRunOptions): Promise<number>;
  /** Rows of `query` in batches, in one repeatable-read read-only transaction. */
  stream(query: SqlQuery, options: SqlStreamOptions): AsyncIterable<Row[]>;
  /** What the user may do beyond reading; see `Connector.inspectPrivileges`. */
  inspectPrivileges(options: SqlRunOptions): Promise<CredentialReport>;
  close(): Promise<void>;
}
