import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type * as schema from './schema/index';

/** A database handle or a transaction: repositories accept either. */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof schema>;
