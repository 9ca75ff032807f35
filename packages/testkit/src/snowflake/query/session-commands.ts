import { SnowflakeSqlError } from '../snowflake-errors';
import type { StatementPlan } from '../sql/statements';
import { identifierName } from '../sql/syntax-tree';
import type { SnowflakeSession } from '../session/session-store';
import type { QueryEnvironment } from './query-environment';

type SessionCommand = Exclude<StatementPlan, { kind: 'sql' }>;

/** USE, ALTER SESSION SET / UNSET and transaction no-ops: they change the session, not data. */
export async function applySessionCommand(
  env: QueryEnvironment,
  session: SnowflakeSession,
  plan: SessionCommand,
): Promise<void> {
  switch (plan.kind) {
    case 'no-op':
      return;
    case 'set-parameters':
      for (const { name, value } of plan.values) session.parameters.set(name, value);
      return;
    case 'unset-parameters':
      for (const name of plan.names) session.parameters.delete(name);
      return;
    case 'use':
      return use(env, session, plan);
  }
}

/** USE WAREHOUSE / DATABASE / SCHEMA / ROLE: 002043 when the target does not exist. */
async function use(
  env: QueryEnvironment,
  session: SnowflakeSession,
  plan: Extract<SessionCommand, { kind: 'use' }>,
) {
  const names = plan.name.map(identifierName);
  const last = names[names.length - 1]!;
  switch (plan.object) {
    case 'WAREHOUSE':
      if (!env.config.warehouses.has(last)) throw SnowflakeSqlError.useTargetNotFound();
      session.warehouse = last;
      return;
    case 'DATABASE':
      if (last !== env.config.database) throw SnowflakeSqlError.useTargetNotFound();
      session.database = last;
      session.schema = (await env.schemaExists('PUBLIC')) ? 'PUBLIC' : null;
      return;
    case 'SCHEMA': {
      const database = names.length > 1 ? names[0]! : session.database;
      if (database !== env.config.database || !(await env.schemaExists(last))) {
        throw SnowflakeSqlError.useTargetNotFound();
      }
      session.database = database;
      session.schema = last;
      return;
    }
    case 'ROLE': {
      const user = env.config.users.get(session.user);
      if (!user?.roles.has(last)) {
        throw new SnowflakeSqlError(
          '002003',
          '02000',
          `SQL compilation error:\nRole '${last}' does not exist or not authorized.`,
        );
      }
      session.role = last;
      return;
    }
  }
}
