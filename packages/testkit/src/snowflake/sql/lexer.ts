import { SnowflakeSqlError } from '../snowflake-errors';

export type TokenKind =
  'space' | 'comment' | 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'op';

export interface Token {
  kind: TokenKind;
  /** The token exactly as written. */
  text: string;
  /**
   * `word`: the upper-cased word. `quoted`: the identifier without quotes. `string`: the decoded
   * value. `param`: the 1-based bind number for `:N`, empty for `?`.
   */
  value: string;
  /** Offset of the first character in the statement text. */
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const PUNCT = new Set(['(', ')', ',', ';', '.', '[', ']']);
// Longest first, so `::` wins over `:` and `->>` over `->`.
const OPERATORS = ['->>', '::', '||', '<=', '>=', '<>', '!=', '=>', '->', '#>'];

/**
 * Splits Snowflake SQL into tokens. Snowflake strings treat backslash as an escape character
 * (`'\\'` is one backslash) and also accept `$$...$$`; both are decoded here so the translator
 * can re-emit them in PostgreSQL's standard string syntax.
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value = '') =>
    tokens.push({ kind, text: sql.slice(start, end), value, start, end });

  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    const start = i;
    if (/\s/.test(c)) {
      while (i < sql.length && /\s/.test(sql[i]!)) i += 1;
      push('space', start, i);
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      while (i < sql.length && sql[i] !== '\n') i += 1;
      push('comment', start, i);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw syntaxError(sql, start, 'unterminated comment');
      i = close + 2;
      push('comment', start, i);
    } else if (c === "'") {
      const { value, end } = readSingleQuoted(sql, i);
      i = end;
      push('string', start, i, value);
    } else if (c === '$' && next === '$') {
      const close = sql.indexOf('$$', i + 2);
      if (close < 0) throw syntaxError(sql, start, 'unterminated string');
      i = close + 2;
      push('string', start, i, sql.slice(start + 2, close));
    } else if (c === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= sql.length) throw syntaxError(sql, start, 'unterminated identifier');
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += sql[i];
        i += 1;
      }
      push('quoted', start, i, value);
    } else if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      while (i < sql.length && DIGIT.test(sql[i]!)) i += 1;
      if (sql[i] === '.') {
        i += 1;
        while (i < sql.length && DIGIT.test(sql[i]!)) i += 1;
      }
      if ((sql[i] === 'e' || sql[i] === 'E') && /[-+0-9]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < sql.length && DIGIT.test(sql[i]!)) i += 1;
      }
      push('number', start, i);
    } else if (WORD_START.test(c)) {
      while (i < sql.length && WORD_PART.test(sql[i]!)) i += 1;
      push('word', start, i, sql.slice(start, i).toUpperCase());
    } else if (c === '?') {
      i += 1;
      push('param', start, i);
    } else if (c === ':' && next !== undefined && DIGIT.test(next) && sql[i - 1] !== ':') {
      i += 1;
      while (i < sql.length && DIGIT.test(sql[i]!)) i += 1;
      push('param', start, i, sql.slice(start + 1, i));
    } else if (PUNCT.has(c)) {
      i += 1;
      push('punct', start, i);
    } else {
      const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
      i += op ? op.length : 1;
      push('op', start, i);
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};

function readSingleQuoted(sql: string, open: number): { value: string; end: number } {
  let value = '';
  let i = open + 1;
  for (;;) {
    if (i >= sql.length) throw syntaxError(sql, open, 'unterminated string');
    const c = sql[i]!;
    if (c === "'") {
      if (sql[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (c === '\\' && i + 1 < sql.length) {
      const e = sql[i + 1]!;
      if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(sql.slice(i + 2, i + 4))) {
        value += String.fromCharCode(parseInt(sql.slice(i + 2, i + 4), 16));
        i += 4;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(sql.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        // Snowflake drops the backslash before any other character: '\%' is '%', '\\' is '\'.
        value += SIMPLE_ESCAPES[e] ?? e;
        i += 2;
      }
      continue;
    }
    value += c;
    i += 1;
  }
}

function syntaxError(sql: string, offset: number, what: string): SnowflakeSqlError {
  return SnowflakeSqlError.syntax(sql, offset, what);
}
