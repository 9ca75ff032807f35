import { snowflakeTypeToPostgres } from '../catalog/snowflake-types';
import { SnowflakeSqlError } from '../snowflake-errors';
import type { Token } from './lexer';
import { pgIdentifier } from './pg-literal';
import {
  firstOffset,
  identifierName,
  isName,
  isParenGroup,
  isWord,
  lastOffset,
  significant,
  splitByComma,
  type GroupNode,
  type SqlNode,
} from './syntax-tree';
import type { SqlWriter } from './translator-api';

const COLUMN_CONSTRAINT_WORDS = new Set(
  'NOT NULL DEFAULT PRIMARY UNIQUE REFERENCES CHECK CONSTRAINT COLLATE COMMENT AUTOINCREMENT IDENTITY'.split(
    ' ',
  ),
);

/** The column-definition group of `CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] name (...)`. */
export function columnDefinitionsGroup(nodes: SqlNode[]): GroupNode | undefined {
  const parts = significant(nodes);
  if (!isWord(parts[0], 'CREATE')) return undefined;
  const tableIndex = parts.findIndex((node) => isWord(node, 'TABLE'));
  if (tableIndex < 0) return undefined;
  const group = parts.slice(tableIndex + 1).find((node) => node.type === 'group');
  const beforeGroup = parts.slice(tableIndex + 1, parts.indexOf(group!));
  return isParenGroup(group) && !beforeGroup.some((node) => isWord(node, 'AS')) ? group : undefined;
}

/** `(id NUMBER(38,0) NOT NULL, tags ARRAY, ...)`: Snowflake column types mapped to PostgreSQL. */
export function emitColumnDefinitions(group: GroupNode, out: SqlWriter): void {
  out.emit('(', group.open.start);
  splitByComma(group.children).forEach((item, position) => {
    if (position > 0) out.emit(',', group.open.start);
    const parts = significant(item);
    const [name, typeWord] = parts;
    if (
      !isName(name) ||
      !isWord(typeWord) ||
      ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN'].includes((name as { token: Token }).token.value)
    ) {
      out.emitNodes(item);
      return;
    }
    let typeEnd = 1;
    while (
      isWord(parts[typeEnd + 1]) &&
      !COLUMN_CONSTRAINT_WORDS.has((parts[typeEnd + 1] as { token: Token }).token.value)
    ) {
      typeEnd += 1;
    }
    if (isParenGroup(parts[typeEnd + 1])) typeEnd += 1;
    const typeText = out.sql.slice(firstOffset([typeWord]), lastOffset([parts[typeEnd]!]));
    let pgType: string;
    try {
      pgType = snowflakeTypeToPostgres(typeText);
    } catch {
      throw new SnowflakeSqlError(
        '002040',
        '42601',
        `SQL compilation error:\nUnsupported data type '${typeText}'.`,
      );
    }
    out.emit(
      ` ${pgIdentifier(identifierName((name as { token: Token }).token))} ${pgType} `,
      firstOffset([name!]),
    );
    out.emitNodes(item.slice(item.indexOf(parts[typeEnd]!) + 1));
  });
  out.emit(')', group.close.start);
}
