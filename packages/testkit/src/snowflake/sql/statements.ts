import { SnowflakeSqlError } from '../snowflake-errors';
import type { Token } from './lexer';
import { firstOffset, isPunct, isWord, lastOffset, significant, type SqlNode } from './syntax-tree';

/** Statement type ids as Snowflake reports them (`statementTypeId`; the SDK's statement_type.js). */
export const STATEMENT_TYPE = {
  select: 0x1000,
  insert: 0x3100,
  update: 0x3200,
  delete: 0x3300,
  merge: 0x3400,
  sessionControl: 0x4000,
  show: 0x4400,
  ddl: 0x6000,
} as const;

export type StatementPlan =
  | {
      kind: 'sql';
      verb: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'DDL';
      nodes: SqlNode[];
      /** `CREATE OR REPLACE TABLE t`: the Snowflake `DROP TABLE IF EXISTS t` to run first. */
      dropFirst?: string;
    }
  | { kind: 'use'; object: 'WAREHOUSE' | 'DATABASE' | 'SCHEMA' | 'ROLE'; name: Token[] }
  | { kind: 'set-parameters'; values: { name: string; value: string | number | boolean }[] }
  | { kind: 'unset-parameters'; names: string[] }
  | { kind: 'show-grants-to-role'; role: Token }
  | { kind: 'no-op' };

/** What kind of statement this is and, for session commands, their arguments. */
export function planStatement(sql: string, nodes: SqlNode[]): StatementPlan {
  const parts = significant(nodes);
  const first = parts[0];
  if (!first) throw SnowflakeSqlError.syntax(sql, sql.length, '<EOF>');
  if (first.type === 'group' || isWord(first, 'SELECT', 'WITH', 'VALUES')) {
    return { kind: 'sql', verb: 'SELECT', nodes };
  }
  if (!isWord(first)) throw SnowflakeSqlError.syntax(sql, first.token.start, first.token.text);
  const word = first.token.value;
  switch (word) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return { kind: 'sql', verb: word, nodes };
    case 'CREATE':
      return planCreate(sql, nodes);
    case 'DROP':
    case 'TRUNCATE':
    case 'COMMENT':
      return { kind: 'sql', verb: 'DDL', nodes };
    case 'ALTER':
      if (isWord(parts[1], 'SESSION')) return planAlterSession(sql, parts.slice(2));
      return { kind: 'sql', verb: 'DDL', nodes };
    case 'USE':
      return planUse(sql, parts.slice(1));
    case 'SHOW':
      return planShow(sql, parts.slice(1));
    case 'BEGIN':
    case 'START':
    case 'COMMIT':
    case 'ROLLBACK':
      // Each statement runs on its own; transactions spanning requests are not emulated.
      return { kind: 'no-op' };
    default:
      throw SnowflakeSqlError.unsupported(word);
  }
}

function planCreate(sql: string, nodes: SqlNode[]): StatementPlan {
  const parts = significant(nodes);
  const orReplace = isWord(parts[1], 'OR') && isWord(parts[2], 'REPLACE');
  // PostgreSQL has no transient tables and no CREATE OR REPLACE TABLE.
  const kept = nodes.filter(
    (node) => !isWord(node, 'TRANSIENT') && !(orReplace && (node === parts[1] || node === parts[2])),
  );
  const tableIndex = parts.findIndex((node) => isWord(node, 'TABLE'));
  if (!orReplace || tableIndex < 0) return { kind: 'sql', verb: 'DDL', nodes: orReplace ? nodes : kept };
  const nameNodes = parts.slice(tableIndex + 1);
  const nameEnd = nameNodes.findIndex((node) => node.type === 'group' || isWord(node, 'AS', 'LIKE', 'CLONE'));
  const name = nameNodes.slice(0, nameEnd < 0 ? undefined : nameEnd);
  const start = (name[0] as { token: Token }).token.start;
  return {
    kind: 'sql',
    verb: 'DDL',
    nodes: kept,
    dropFirst: `DROP TABLE IF EXISTS ${sql.slice(start, lastOffset(name))}`,
  };
}

function planUse(sql: string, parts: SqlNode[]): StatementPlan {
  const objects = ['WAREHOUSE', 'DATABASE', 'SCHEMA', 'ROLE'] as const;
  const head = parts[0];
  const object = isWord(head) ? objects.find((candidate) => candidate === head.token.value) : undefined;
  const nameParts = object ? parts.slice(1) : parts;
  const name = nameParts
    .filter((node) => !isPunct(node, '.'))
    .map((node) => {
      if (node.type !== 'token' || !['word', 'quoted'].includes(node.token.kind)) {
        throw SnowflakeSqlError.syntax(sql, firstOffset([node]), 'USE');
      }
      return node.token;
    });
  if (name.length === 0) throw SnowflakeSqlError.syntax(sql, sql.length, '<EOF>');
  return { kind: 'use', object: object ?? 'DATABASE', name };
}

/** SHOW GRANTS TO ROLE <name>, the only SHOW this server answers. */
function planShow(sql: string, parts: SqlNode[]): StatementPlan {
  const [grants, to, role, name, ...rest] = parts;
  if (!isWord(grants, 'GRANTS') || !isWord(to, 'TO') || !isWord(role, 'ROLE')) {
    throw SnowflakeSqlError.unsupported('SHOW');
  }
  if (name?.type !== 'token' || !['word', 'quoted'].includes(name.token.kind)) {
    throw SnowflakeSqlError.syntax(sql, name ? firstOffset([name]) : sql.length, name ? 'ROLE' : '<EOF>');
  }
  if (rest.length > 0) throw SnowflakeSqlError.syntax(sql, firstOffset(rest), name.token.text);
  return { kind: 'show-grants-to-role', role: name.token };
}

function planAlterSession(sql: string, parts: SqlNode[]): StatementPlan {
  const action = parts[0];
  if (isWord(action, 'UNSET')) {
    const names = parts
      .slice(1)
      .filter((node) => !isPunct(node, ','))
      .map((node) => {
        if (!isWord(node)) throw SnowflakeSqlError.syntax(sql, 0, 'UNSET');
        return node.token.value;
      });
    return { kind: 'unset-parameters', names };
  }
  if (!isWord(action, 'SET')) throw SnowflakeSqlError.unsupported('ALTER SESSION');
  const values: { name: string; value: string | number | boolean }[] = [];
  let index = 1;
  while (index < parts.length) {
    const name = parts[index];
    const equals = parts[index + 1];
    const value = parts[index + 2];
    if (!isWord(name) || equals?.type !== 'token' || equals.token.text !== '=' || value?.type !== 'token') {
      throw SnowflakeSqlError.syntax(sql, name?.type === 'token' ? name.token.start : sql.length, 'SET');
    }
    values.push({ name: name.token.value, value: parameterValue(value.token) });
    index += 3;
    if (isPunct(parts[index], ',')) index += 1;
  }
  return { kind: 'set-parameters', values };
}

function parameterValue(token: Token): string | number | boolean {
  if (token.kind === 'number') return Number(token.text);
  if (token.kind === 'word' && (token.value === 'TRUE' || token.value === 'FALSE'))
    return token.value === 'TRUE';
  if (token.kind === 'string' || token.kind === 'quoted') return token.value;
  return token.text;
}
