import type pg from 'pg';
import type { ChunkFile } from '../result/result-writer';
import type { TableColumns } from '../result/table-columns';
import type { ServerConfig } from '../server-options';
import type { PublishedChunks } from './query-replies';

/** What statements run against: the backing PostgreSQL database, result storage, the config. */
export interface QueryEnvironment {
  config: ServerConfig;
  pool: pg.Pool;
  postgresUrl: string;
  tableColumns: TableColumns;
  resultDirectory: string;
  /** Makes chunk files downloadable and returns what the reply says about them. */
  publishChunks(queryId: string, chunks: ChunkFile[]): PublishedChunks;
  schemaExists(schema: string): Promise<boolean>;
  /** When the server started, as PostgreSQL text (`2026-01-02 03:04:05.678+00`): SHOW's created_on. */
  startedAt: string;
}
