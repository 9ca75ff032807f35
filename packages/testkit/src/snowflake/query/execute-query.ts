import { fractionDigits, resultColumn, type ResultColumn } from '../result/column-types';
import { ResultWriter } from '../result/result-writer';
import { effectiveParameter } from '../session/session-parameters';
import type { SnowflakeSession } from '../session/session-store';
import { SnowflakeSqlError } from '../snowflake-errors';
import { pgIdentifier } from '../sql/pg-literal';
import { planStatement, STATEMENT_TYPE, type StatementPlan } from '../sql/statements';
import { parseNodes, splitStatements, type SqlNode } from '../sql/syntax-tree';
import { translateStatement, type TranslatedStatement } from '../sql/translate';
import type { Binding, TranslationScope } from '../sql/translator-api';
import { snowflakeErrorFor } from './postgres-errors';
import { errorReply, resultReply, singleValueReply, type ReplyBody } from './query-replies';
import { runOnPostgres, type CancelHandle } from './run-postgres';
import type { QueryEnvironment } from './query-environment';
import { applySessionCommand } from './session-commands';
import { showGrantsToRole } from './show-grants';

/** The JSON body of POST /queries/v1/query-request (statement.js `sendRequestPreExec`). */
export interface QueryRequestBody {
  sqlText?: unknown;
  bindings?: unknown;
  bindStage?: unknown;
  parameters?: unknown;
  describeOnly?: unknown;
}

const STATUS_OK = 'Statement executed successfully.';

/** Runs one query request for a session and returns the reply body (success or SQL error). */
export async function executeQuery(
  env: QueryEnvironment,
  session: SnowflakeSession,
  request: QueryRequestBody,
  queryId: string,
  register: (handle: CancelHandle) => void,
): Promise<ReplyBody> {
  try {
    return await execute(env, session, request, queryId, register);
  } catch (error) {
    if (error instanceof SnowflakeSqlError) return errorReply(error, queryId);
    const message = error instanceof Error ? error.message : String(error);
    return errorReply(
      new SnowflakeSqlError(
        '000603',
        'XX000',
        `SQL execution internal error:\nProcessing aborted due to error 300010:${message}`,
      ),
      queryId,
    );
  }
}

async function execute(
  env: QueryEnvironment,
  session: SnowflakeSession,
  request: QueryRequestBody,
  queryId: string,
  register: (handle: CancelHandle) => void,
): Promise<ReplyBody> {
  const sql = typeof request.sqlText === 'string' ? request.sqlText : '';
  const statementParameters = (request.parameters ?? {}) as Record<string, unknown>;
  if (request.bindStage) throw SnowflakeSqlError.unsupported('stage binding');
  const bindings = readBindings(request.bindings);

  const statements = splitStatements(parseNodes(sql));
  if (statements.length === 0) {
    throw new SnowflakeSqlError('000900', '42000', 'SQL compilation error:\nEmpty SQL statement.');
  }
  const desired = Number(
    effectiveParameter('MULTI_STATEMENT_COUNT', session.parameters, statementParameters),
  );
  if (desired !== 0 && statements.length !== desired) {
    throw SnowflakeSqlError.statementCount(statements.length, desired);
  }
  if (statements.length > 1) throw SnowflakeSqlError.unsupported('multi-statement execution');

  const plan = planStatement(sql, statements[0]!);
  if (plan.kind === 'show-grants-to-role') return showGrantsToRole(env, session, plan.role, queryId);
  if (plan.kind === 'sql') {
    return runSql(env, session, { sql, plan, bindings, statementParameters, queryId, register, request });
  }
  await applySessionCommand(env, session, plan);
  return singleValueReply(
    session,
    queryId,
    STATEMENT_TYPE.sessionControl,
    { name: 'status', type: 'text' },
    STATUS_OK,
  );
}

interface SqlRun {
  sql: string;
  plan: Extract<StatementPlan, { kind: 'sql' }>;
  bindings: Binding[];
  statementParameters: Record<string, unknown>;
  queryId: string;
  register: (handle: CancelHandle) => void;
  request: QueryRequestBody;
}

async function runSql(env: QueryEnvironment, session: SnowflakeSession, run: SqlRun): Promise<ReplyBody> {
  const { sql, plan, queryId } = run;
  const verb = firstWord(plan.nodes);
  const timeoutSeconds = Number(
    effectiveParameter('STATEMENT_TIMEOUT_IN_SECONDS', session.parameters, run.statementParameters),
  );
  const base = {
    timeZone: String(effectiveParameter('TIMEZONE', session.parameters)),
    searchPath: session.schema ? pgIdentifier(session.schema) : '',
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : 0,
  };
  const scope = (castTextBindings: boolean): TranslationScope => ({
    database: env.config.database,
    sessionDatabase: session.database,
    sessionSchema: session.schema,
    sessionWarehouse: session.warehouse,
    sessionRole: session.role,
    user: session.user,
    account: session.account,
    sessionId: session.id,
    serverVersion: env.config.serverVersion,
    bindings: run.bindings,
    castTextBindings,
  });

  let translated = translateStatement(sql, plan.nodes, scope(false));
  const readsRows = plan.verb === 'SELECT';
  const dml = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(plan.verb);
  if (translated.unqualifiedRelation && session.database === null) {
    throw SnowflakeSqlError.noCurrent('database', verb);
  }
  const failure = (error: unknown, statement: TranslatedStatement, timedOut: boolean) => {
    const pgError = error as { code?: string; message: string; position?: string; timedOut?: boolean };
    if (error instanceof SnowflakeSqlError || typeof pgError.code !== 'string') return error;
    return snowflakeErrorFor(pgError, {
      sql,
      statement,
      verb,
      sessionDatabase: session.database,
      sessionSchema: session.schema,
      timedOut: timedOut || pgError.timedOut === true,
      timeoutSeconds,
    });
  };

  if ((readsRows && translated.referencesTable) || dml) {
    if (session.warehouse === null) {
      // Snowflake compiles before it looks for compute: a missing table is reported first.
      await compileOnly(env, translated, base, run.register).catch((error: unknown) => {
        throw failure(error, shifted(translated, 'EXPLAIN '.length), false);
      });
      throw SnowflakeSqlError.noWarehouse();
    }
  }

  if (plan.dropFirst) {
    const drop = splitStatements(parseNodes(plan.dropFirst))[0]!;
    const dropSql = translateStatement(plan.dropFirst, drop, scope(false));
    await runOnPostgres(
      env.pool,
      env.postgresUrl,
      { ...base, text: dropSql.text, params: [], returnsRows: false },
      noRows,
      run.register,
    );
  }

  const writer = new ResultWriter(env.resultDirectory, queryId, {
    inlineBytes: env.config.inlineResultBytes,
    chunkBytes: env.config.chunkBytes,
  });
  let columns: ResultColumn[] = [];
  const scales: number[] = [];
  const attempt = async (statement: TranslatedStatement) => {
    columns = [];
    const text =
      readsRows && run.request.describeOnly === true
        ? `SELECT * FROM (${statement.text}) AS sf_describe LIMIT 0`
        : statement.text;
    return runOnPostgres(
      env.pool,
      env.postgresUrl,
      { ...base, text, params: statement.params, returnsRows: readsRows },
      {
        fields: async (fields) => {
          const sources = await env.tableColumns.lookup(fields);
          columns = fields.map((field, index) =>
            resultColumn(
              field,
              statement.columnNames.get(field.name) ?? field.name,
              env.config.database,
              sources[index],
            ),
          );
        },
        rows: async (rows) => {
          for (const raw of rows) {
            const row = raw.map((value, index) => {
              if (value === null) return null;
              const column = columns[index]!;
              if (column.inferScale) scales[index] = Math.max(scales[index] ?? 0, fractionDigits(value));
              return column.encode(value);
            });
            await writer.add(row);
          }
        },
      },
      run.register,
    );
  };

  let outcome;
  try {
    try {
      outcome = await attempt(translated);
    } catch (error) {
      // A bare `?` PostgreSQL cannot type (`? IS NULL`): Snowflake treats text binds as text.
      if ((error as { code?: string }).code !== '42P18') throw error;
      translated = translateStatement(sql, plan.nodes, scope(true));
      outcome = await attempt(translated);
    }
  } catch (error) {
    await writer.discard();
    throw failure(error, translated, false);
  }

  if (!readsRows) {
    const count = String(outcome.rowCount ?? 0);
    if (plan.verb === 'INSERT') {
      return singleValueReply(
        session,
        queryId,
        STATEMENT_TYPE.insert,
        { name: 'number of rows inserted', type: 'fixed' },
        count,
      );
    }
    if (plan.verb === 'UPDATE') {
      return singleValueReply(
        session,
        queryId,
        STATEMENT_TYPE.update,
        { name: 'number of rows updated', type: 'fixed' },
        count,
      );
    }
    if (plan.verb === 'DELETE') {
      return singleValueReply(
        session,
        queryId,
        STATEMENT_TYPE.delete,
        { name: 'number of rows deleted', type: 'fixed' },
        count,
      );
    }
    return singleValueReply(
      session,
      queryId,
      STATEMENT_TYPE.ddl,
      { name: 'status', type: 'text' },
      STATUS_OK,
    );
  }

  const written = await writer.finish();
  return resultReply({
    session,
    queryId,
    statementTypeId: STATEMENT_TYPE.select,
    columns: columns.map((column, index) =>
      column.inferScale ? { ...column.rowType, scale: Math.min(scales[index] ?? 0, 37) } : column.rowType,
    ),
    rows: written.inline,
    total: written.total,
    chunks: env.publishChunks(queryId, written.chunks),
    bindCount: run.bindings.length,
  });
}

const noRows = { fields: async () => {}, rows: async () => {} };

async function compileOnly(
  env: QueryEnvironment,
  statement: TranslatedStatement,
  base: { timeZone: string; searchPath: string; timeoutMs: number },
  register: (handle: CancelHandle) => void,
) {
  await runOnPostgres(
    env.pool,
    env.postgresUrl,
    { ...base, text: `EXPLAIN ${statement.text}`, params: statement.params, returnsRows: true },
    noRows,
    register,
  );
}

/** The same statement, for error positions reported against a prefixed text. */
function shifted(statement: TranslatedStatement, by: number): TranslatedStatement {
  return { ...statement, sourceOffset: (position) => statement.sourceOffset(position - by) };
}

/** `{ "1": { type, value }, "2": ... }` as an array; array values are array binding. */
function readBindings(raw: unknown): Binding[] {
  if (!raw || typeof raw !== 'object') return [];
  const entries = Object.entries(raw as Record<string, { type?: unknown; value?: unknown }>);
  const bindings: Binding[] = [];
  for (const [key, binding] of entries) {
    if (Array.isArray(binding.value)) throw SnowflakeSqlError.unsupported('array binding');
    const value = binding.value === null || binding.value === undefined ? null : String(binding.value);
    bindings[Number(key) - 1] = { type: String(binding.type ?? 'TEXT'), value };
  }
  return Array.from(bindings, (binding) => binding ?? { type: 'TEXT', value: null });
}

function firstWord(nodes: SqlNode[]): string {
  for (const node of nodes) {
    if (node.type === 'token' && node.token.kind === 'word') return node.token.value;
    if (node.type === 'group') return 'SELECT';
  }
  return 'SELECT';
}
