import { SnowflakeSqlError } from '../snowflake-errors';
import { KEYWORDS } from './keywords';
import { tokenize, type Token } from './lexer';

export interface TokenNode {
  type: 'token';
  token: Token;
}

/** A parenthesised or bracketed run of nodes, e.g. function arguments or a subquery. */
export interface GroupNode {
  type: 'group';
  open: Token;
  close: Token;
  children: SqlNode[];
}

export type SqlNode = TokenNode | GroupNode;

/** Tokens grouped by parentheses and brackets, comments dropped. */
export function parseNodes(sql: string): SqlNode[] {
  const root: SqlNode[] = [];
  const stack: { open: Token; children: SqlNode[] }[] = [];
  let current = root;
  for (const token of tokenize(sql)) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'punct' && (token.text === '(' || token.text === '[')) {
      stack.push({ open: token, children: current });
      current = [];
      continue;
    }
    if (token.kind === 'punct' && (token.text === ')' || token.text === ']')) {
      const frame = stack.pop();
      const expected = frame?.open.text === '(' ? ')' : ']';
      if (!frame || token.text !== expected) throw SnowflakeSqlError.syntax(sql, token.start, token.text);
      const group: GroupNode = { type: 'group', open: frame.open, close: token, children: current };
      current = frame.children;
      current.push(group);
      continue;
    }
    current.push({ type: 'token', token });
  }
  if (stack.length > 0) throw SnowflakeSqlError.syntax(sql, sql.length, '<EOF>');
  return root;
}

/** Statements separated by top-level semicolons; empty ones (e.g. after a trailing `;`) dropped. */
export function splitStatements(nodes: SqlNode[]): SqlNode[][] {
  const statements: SqlNode[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'token' && node.token.kind === 'punct' && node.token.text === ';') {
      statements.push([]);
    } else {
      statements[statements.length - 1]!.push(node);
    }
  }
  return statements.filter((statement) => significant(statement).length > 0);
}

/** The nodes that carry meaning (no whitespace). */
export function significant(nodes: SqlNode[]): SqlNode[] {
  return nodes.filter((node) => node.type === 'group' || node.token.kind !== 'space');
}

/** A token node of one kind; narrowing with it leaves other token nodes possible. */
export type TokenNodeOf<K extends Token['kind']> = TokenNode & { token: Token & { kind: K } };

export function isWord(node: SqlNode | undefined, ...words: string[]): node is TokenNodeOf<'word'> {
  return (
    node?.type === 'token' &&
    node.token.kind === 'word' &&
    (words.length === 0 || words.includes(node.token.value))
  );
}

export function isPunct(node: SqlNode | undefined, text: string): node is TokenNodeOf<'punct'> {
  return node?.type === 'token' && node.token.kind === 'punct' && node.token.text === text;
}

export function isOp(node: SqlNode | undefined, text: string): node is TokenNodeOf<'op'> {
  return node?.type === 'token' && node.token.kind === 'op' && node.token.text === text;
}

export function isParenGroup(node: SqlNode | undefined): node is GroupNode & { open: Token & { text: '(' } } {
  return node?.type === 'group' && node.open.text === '(';
}

/** Splits nodes at top-level commas (function arguments, select items, column definitions). */
export function splitByComma(nodes: SqlNode[]): SqlNode[][] {
  const parts: SqlNode[][] = [[]];
  for (const node of nodes) {
    if (isPunct(node, ',')) parts.push([]);
    else parts[parts.length - 1]!.push(node);
  }
  return parts.length === 1 && significant(parts[0]!).length === 0 ? [] : parts;
}

export function firstOffset(nodes: SqlNode[]): number {
  const first = significant(nodes)[0];
  if (!first) return 0;
  return first.type === 'group' ? first.open.start : first.token.start;
}

export function lastOffset(nodes: SqlNode[]): number {
  const all = significant(nodes);
  const last = all[all.length - 1];
  if (!last) return 0;
  return last.type === 'group' ? last.close.end : last.token.end;
}

/** The index of the next node that is not whitespace (or `nodes.length`). */
export function nextSignificant(nodes: SqlNode[], from: number): number {
  let index = from;
  while (index < nodes.length) {
    const node = nodes[index]!;
    if (node.type === 'group' || node.token.kind !== 'space') return index;
    index += 1;
  }
  return index;
}

/** A subquery or statement body rather than an expression. */
export function startsQuery(nodes: SqlNode[]): boolean {
  return isWord(significant(nodes)[0], 'SELECT', 'WITH');
}

/** Snowflake folds unquoted identifiers to upper case; quoted ones keep their case. */
export function identifierName(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.value.toUpperCase();
}

/** A bare identifier or a quoted one (not a keyword). */
export function isName(node: SqlNode | undefined): boolean {
  return (
    node?.type === 'token' &&
    (node.token.kind === 'quoted' || (node.token.kind === 'word' && !KEYWORDS.has(node.token.value)))
  );
}
