import { castTarget } from '../catalog/snowflake-types';
import { SnowflakeSqlError, lineAndPosition } from '../snowflake-errors';
import { columnDefinitionsGroup, emitColumnDefinitions } from './column-definitions';
import { functionRewrites } from './functions';
import { BARE_CONTEXT_FUNCTIONS, KEYWORDS, KEYWORDS_BEFORE_PARENS, VALUE_KEYWORDS } from './keywords';
import type { Token } from './lexer';
import { pgIdentifier, pgString } from './pg-literal';
import { selectListAliases } from './select-list';
import {
  firstOffset,
  identifierName,
  isName,
  isOp,
  isParenGroup,
  isPunct,
  isWord,
  lastOffset,
  nextSignificant,
  significant,
  splitByComma,
  startsQuery,
  type GroupNode,
  type SqlNode,
} from './syntax-tree';
import type { FunctionCall, NodeMode, SqlWriter, TranslationScope } from './translator-api';

/** A Snowflake statement rewritten for PostgreSQL. */
export interface TranslatedStatement {
  text: string;
  /** Values for `$1..$n`, from the request's 1-based bindings. */
  params: (string | null)[];
  /** PostgreSQL output column name -> the name Snowflake gives that column. */
  columnNames: Map<string, string>;
  /** The statement reads a table or view (so it needs a warehouse). */
  referencesTable: boolean;
  /** A relation is named without its database, so the session needs a current database. */
  unqualifiedRelation: boolean;
  /** The Snowflake statement offset for a 1-based character position in `text`. */
  sourceOffset(pgPosition: number): number;
}

/**
 * Rewrites one Snowflake statement into PostgreSQL, touching only what differs for the SQL
 * Connect and its tests send: unquoted identifiers are upper-cased and quoted, `?` / `:N` become
 * `$n`, Snowflake string escapes are decoded, casts and functions are mapped (functions.ts),
 * `db.schema.table` loses the database part, semi-structured paths (`col:key`, `col[0]`) become
 * jsonb operators, and unnamed select-list expressions get Snowflake's column names.
 */
export function translateStatement(
  sql: string,
  statement: SqlNode[],
  scope: TranslationScope,
): TranslatedStatement {
  const translator = new Translator(sql, scope);
  const definitions = columnDefinitionsGroup(statement);
  if (definitions) translator.columnDefinitionGroups.add(definitions);
  const aliases = selectListAliases(sql, statement, translator.columnNames);
  translator.emitTopLevel(statement, aliases);
  return translator.result(lastOffset(statement));
}

interface Piece {
  text: string;
  source: number;
}

class Translator implements SqlWriter {
  readonly columnNames = new Map<string, string>();
  /** The `( col TYPE, ... )` of a CREATE TABLE, whose types are Snowflake type names. */
  readonly columnDefinitionGroups = new Set<GroupNode>();
  private readonly pieces: Piece[] = [];
  private readonly params: (string | null)[] = [];
  private questionMarks = 0;
  /** Index in `pieces` where the last complete operand starts, for `::` and `[...]`; -1 if none. */
  private lastOperand = -1;
  private readonly caseStarts: number[] = [];
  private expectRelation = false;
  /** After INTO / TABLE / VIEW a name followed by `(` is a relation with a column list, not a call. */
  private nameNext = false;
  /** After AS a word is an alias, even one spelled like a keyword (`AS next`). */
  private afterAs = false;
  private subqueries = 0;
  private referencesTable = false;
  private unqualifiedRelation = false;

  constructor(
    readonly sql: string,
    readonly scope: TranslationScope,
  ) {}

  emit(text: string, source: number): void {
    this.pieces.push({ text, source });
  }

  emitNodes(nodes: SqlNode[], mode: NodeMode = 'expression'): void {
    this.emitSequence(nodes, mode, new Map());
  }

  emitTopLevel(nodes: SqlNode[], aliases: Map<number, string>): void {
    this.emitSequence(nodes, 'query', aliases);
  }

  /**
   * Translates one level of nodes. Also closes every LIKE / ILIKE that has no ESCAPE clause with
   * `ESCAPE ''`: Snowflake has no default escape character, PostgreSQL's is the backslash.
   */
  private emitSequence(nodes: SqlNode[], mode: NodeMode, aliases: Map<number, string>): void {
    let openLike = false;
    let index = 0;
    while (index < nodes.length) {
      const node = nodes[index]!;
      if (openLike && (isWord(node) ? LIKE_PATTERN_END.has(node.token.value) : isPunct(node, ','))) {
        this.emit(" ESCAPE '' ", firstOffset([node]));
        openLike = false;
      }
      if (isWord(node, 'LIKE', 'ILIKE')) openLike = true;
      if (isWord(node, 'ESCAPE')) openLike = false;
      const next = this.step(nodes, index, mode);
      for (let consumed = index; consumed < next; consumed += 1) {
        const alias = aliases.get(consumed);
        if (!alias) continue;
        if (openLike) {
          this.emit(" ESCAPE ''", lastOffset([nodes[consumed]!]));
          openLike = false;
        }
        this.emit(` AS ${pgIdentifier(alias)}`, lastOffset([nodes[consumed]!]));
        this.lastOperand = -1;
      }
      index = next;
    }
    if (openLike) this.emit(" ESCAPE ''", lastOffset(nodes));
  }

  result(endOffset: number): TranslatedStatement {
    const pieces = this.pieces;
    return {
      text: pieces.map((piece) => piece.text).join(''),
      params: this.params,
      columnNames: this.columnNames,
      referencesTable: this.referencesTable,
      unqualifiedRelation: this.unqualifiedRelation,
      sourceOffset(pgPosition) {
        let remaining = pgPosition - 1;
        for (const piece of pieces) {
          if (remaining < piece.text.length) return piece.source;
          remaining -= piece.text.length;
        }
        return endOffset;
      },
    };
  }

  /** Translates the node at `index` (and any it belongs with); returns the next index. */
  private step(nodes: SqlNode[], index: number, mode: NodeMode): number {
    const node = nodes[index]!;
    if (node.type === 'group') {
      const isRelation = this.expectRelation;
      this.expectRelation = false;
      this.nameNext = false;
      this.afterAs = false;
      if (node.open.text === '[') return this.emitElementAccess(node, index);
      if (this.columnDefinitionGroups.has(node)) return this.emitColumnDefinitions(node, index);
      const start = this.pieces.length;
      this.emit('(', node.open.start);
      this.emitNodes(node.children, startsQuery(node.children) ? 'query' : 'expression');
      this.emit(')', node.close.start);
      this.lastOperand = start;
      const after = nodes[nextSignificant(nodes, index + 1)];
      if (isRelation && startsQuery(node.children) && !isWord(after, 'AS') && !isName(after)) {
        // Snowflake lets a derived table go unnamed; PostgreSQL 15 does not.
        this.subqueries += 1;
        this.emit(` AS ${pgIdentifier(`sf_subquery_${this.subqueries}`)}`, node.close.end);
      }
      return index + 1;
    }
    const token = node.token;
    if (token.kind !== 'space' && token.kind !== 'word' && token.kind !== 'quoted') {
      this.expectRelation = false;
      this.nameNext = false;
    }
    const afterAs = this.afterAs;
    if (token.kind !== 'space') this.afterAs = false;
    if (afterAs && token.kind === 'word' && !ALIAS_EXCEPTIONS.has(token.value))
      return this.emitName(nodes, index, mode);
    switch (token.kind) {
      case 'space':
        this.emit(' ', token.start);
        return index + 1;
      case 'string':
        return this.operand(index, () => this.emit(pgString(token.value), token.start));
      case 'number':
        return this.operand(index, () => this.emit(token.text, token.start));
      case 'param':
        return this.operand(index, () => this.emitParam(token));
      case 'op':
        if (token.text === '::') return this.emitCast(nodes, index);
        if (token.text === ':') return this.emitPath(nodes, index);
        this.emit(token.text, token.start);
        this.lastOperand = -1;
        return index + 1;
      case 'punct':
        this.emit(token.text, token.start);
        this.lastOperand = -1;
        return index + 1;
      case 'quoted':
        return this.emitName(nodes, index, mode);
      case 'word':
        return this.emitWord(nodes, index, mode);
      case 'comment':
        return index + 1;
    }
  }

  private operand(index: number, write: () => void): number {
    const start = this.pieces.length;
    write();
    this.lastOperand = start;
    return index + 1;
  }

  private emitParam(token: Token) {
    let number: number;
    if (token.value === '') {
      this.questionMarks += 1;
      number = this.questionMarks;
    } else {
      number = Number(token.value);
    }
    const binding = this.scope.bindings[number - 1];
    if (!binding) {
      const { line, position } = lineAndPosition(this.sql, token.start);
      throw new SnowflakeSqlError(
        '002049',
        '42601',
        `SQL compilation error: error line ${line} at position ${position}\nBind variable ${token.text} not set.`,
      );
    }
    while (this.params.length < number) this.params.push(null);
    this.params[number - 1] = binding.value;
    // Snowflake binds are typed strings; numbers and booleans say so, text lets the context decide.
    const type = binding.type.toUpperCase();
    const cast =
      type === 'FIXED' || type === 'REAL'
        ? '::numeric'
        : type === 'BOOLEAN'
          ? '::boolean'
          : this.scope.castTextBindings
            ? '::text'
            : '';
    this.emit(`$${number}${cast}`, token.start);
  }

  private emitWord(nodes: SqlNode[], index: number, mode: NodeMode): number {
    const token = (nodes[index] as { token: Token }).token;
    const word = token.value;
    const nextIndex = nextSignificant(nodes, index + 1);
    const next = nodes[nextIndex];

    if (this.nameNext && !KEYWORDS.has(word)) return this.emitName(nodes, index, mode);
    if ((word === 'CAST' || word === 'TRY_CAST') && isParenGroup(next))
      return this.emitCastCall(next, nextIndex);
    if (isParenGroup(next) && !KEYWORDS_BEFORE_PARENS.has(word)) {
      return this.emitCall(token, next, nextIndex, nodes);
    }
    if (BARE_CONTEXT_FUNCTIONS.has(word)) {
      const call: FunctionCall = {
        name: word,
        token,
        group: { type: 'group', open: token, close: token, children: [] },
        args: [],
      };
      return this.operand(index, () => functionRewrites[word]!(call, this));
    }
    if (!KEYWORDS.has(word)) return this.emitName(nodes, index, mode);

    if ((word === 'FROM' || word === 'JOIN') && mode === 'query') {
      this.referencesTable = true;
      this.expectRelation = true;
    } else {
      this.expectRelation = false;
    }
    if (['INTO', 'TABLE', 'VIEW'].includes(word)) this.nameNext = true;
    else if (!['IF', 'NOT', 'EXISTS'].includes(word)) this.nameNext = false;
    if (word === 'AS') this.afterAs = true;
    if (word === 'CASE') {
      this.caseStarts.push(this.pieces.length);
      this.emit(token.text, token.start);
      this.lastOperand = -1;
      return index + 1;
    }
    if (word === 'END' && this.caseStarts.length > 0) {
      const start = this.caseStarts.pop()!;
      this.emit(token.text, token.start);
      this.lastOperand = start;
      return index + 1;
    }
    if (VALUE_KEYWORDS.has(word)) return this.operand(index, () => this.emit(token.text, token.start));
    if (
      ['DATE', 'TIMESTAMP', 'TIME', 'INTERVAL'].includes(word) &&
      next?.type === 'token' &&
      next.token.kind === 'string'
    ) {
      // A typed literal: DATE '2024-01-31'.
      const start = this.pieces.length;
      this.emit(`${word} ${pgString(next.token.value)}`, token.start);
      this.lastOperand = start;
      return nextIndex + 1;
    }
    this.emit(word === 'MINUS' ? 'EXCEPT' : token.text, token.start);
    this.lastOperand = -1;
    return index + 1;
  }

  /** An identifier chain `a`, `s.t`, `db.s.t`, `t.*`, possibly a call or a path access. */
  private emitName(nodes: SqlNode[], index: number, mode: NodeMode): number {
    const parts: Token[] = [(nodes[index] as { token: Token }).token];
    let last = index;
    for (;;) {
      const dot = nextSignificant(nodes, last + 1);
      if (!isPunct(nodes[dot], '.')) break;
      const partIndex = nextSignificant(nodes, dot + 1);
      const part = nodes[partIndex];
      if (part?.type !== 'token' || (!['word', 'quoted'].includes(part.token.kind) && !isOp(part, '*')))
        break;
      parts.push(part.token);
      last = partIndex;
    }
    const afterIndex = nextSignificant(nodes, last + 1);
    const after = nodes[afterIndex];
    if (isParenGroup(after) && parts.length > 1) {
      // A qualified function call, e.g. a UDF: passed through.
      const start = this.pieces.length;
      this.emit(parts.map((part) => part.text).join('.'), parts[0]!.start);
      this.step(nodes, afterIndex, mode);
      this.lastOperand = start;
      return afterIndex + 1;
    }

    const isRelation = this.expectRelation || this.nameNext;
    this.expectRelation = false;
    this.nameNext = false;
    if (isRelation) this.unqualifiedRelation ||= parts.length < 3;
    if (parts.length >= 3 && parts.every((part) => part.kind !== 'op')) {
      const database = identifierName(parts[0]!);
      if (database === this.scope.database) parts.shift();
      else if (isRelation) throw SnowflakeSqlError.containerNotFound('Database', database);
    }
    const start = this.pieces.length;
    parts.forEach((part, partIndex) => {
      if (partIndex > 0) this.emit('.', part.start);
      this.emit(part.kind === 'op' ? '*' : pgIdentifier(identifierName(part)), part.start);
    });
    this.lastOperand = start;
    if (mode === 'query' && isRelation) this.referencesTable = true;
    return last + 1;
  }

  private emitColumnDefinitions(group: GroupNode, index: number): number {
    emitColumnDefinitions(group, this);
    this.lastOperand = -1;
    return index + 1;
  }

  private emitCall(token: Token, group: GroupNode, groupIndex: number, nodes: SqlNode[]): number {
    const call: FunctionCall = { name: token.value, token, group, args: splitByComma(group.children) };
    let end = groupIndex;
    const within = nextSignificant(nodes, groupIndex + 1);
    const groupWord = nextSignificant(nodes, within + 1);
    const orderGroup = nextSignificant(nodes, groupWord + 1);
    if (
      functionRewrites[token.value] &&
      isWord(nodes[within], 'WITHIN') &&
      isWord(nodes[groupWord], 'GROUP') &&
      isParenGroup(nodes[orderGroup])
    ) {
      call.withinGroup = (nodes[orderGroup] as GroupNode).children;
      end = orderGroup;
    }
    const start = this.pieces.length;
    const rewrite = functionRewrites[token.value];
    if (rewrite) {
      rewrite(call, this);
    } else {
      this.emit(token.text, token.start);
      this.emit('(', group.open.start);
      this.emitNodes(group.children, startsQuery(group.children) ? 'query' : 'expression');
      this.emit(')', group.close.start);
    }
    this.lastOperand = start;
    this.expectRelation = false;
    return end + 1;
  }

  /** `CAST(expr AS type)` / `TRY_CAST(...)`: the same mapping as `expr::type`. */
  private emitCastCall(group: GroupNode, groupIndex: number): number {
    const children = group.children;
    let asIndex = -1;
    children.forEach((child, index) => {
      if (isWord(child, 'AS')) asIndex = index;
    });
    if (asIndex < 0) throw SnowflakeSqlError.syntax(this.sql, group.close.start, ')');
    const start = this.pieces.length;
    this.emit('(', group.open.start);
    this.emitNodes(children.slice(0, asIndex));
    this.emit(')', group.open.start);
    this.lastOperand = start;
    const typeNodes = significant(children.slice(asIndex + 1));
    const typeText = this.sql.slice(firstOffset(typeNodes), lastOffset(typeNodes));
    this.applyCast(typeText, firstOffset(typeNodes));
    this.lastOperand = start;
    return groupIndex + 1;
  }

  /** `expr::TYPE`, `expr::NUMBER(10,2)`, `expr::DOUBLE PRECISION`. */
  private emitCast(nodes: SqlNode[], index: number): number {
    const typeIndex = nextSignificant(nodes, index + 1);
    const typeNode = nodes[typeIndex];
    if (!isWord(typeNode)) {
      throw SnowflakeSqlError.syntax(this.sql, (nodes[index] as { token: Token }).token.end, '::');
    }
    let end = typeIndex;
    const following = nextSignificant(nodes, typeIndex + 1);
    if (isParenGroup(nodes[following])) end = following;
    else if (typeNode.token.value === 'DOUBLE' && isWord(nodes[following], 'PRECISION')) end = following;
    const typeText = this.sql.slice(typeNode.token.start, lastOffset([nodes[end]!]));
    this.applyCast(typeText, typeNode.token.start);
    return end + 1;
  }

  private applyCast(typeText: string, source: number) {
    if (this.lastOperand < 0) throw SnowflakeSqlError.syntax(this.sql, source, '::');
    let target: ReturnType<typeof castTarget>;
    try {
      target = castTarget(typeText);
    } catch {
      throw new SnowflakeSqlError(
        '002040',
        '42601',
        `SQL compilation error:\nUnsupported data type '${typeText}'.`,
      );
    }
    if (target.kind === 'function') this.wrapLastOperand(`${target.name}(`, ')', source);
    else this.wrapLastOperand('(', `)::${target.pgType}`, source);
  }

  /** `v:key.sub[0]`: Snowflake's semi-structured path, key case as written. */
  private emitPath(nodes: SqlNode[], index: number): number {
    let cursor = nextSignificant(nodes, index + 1);
    const first = nodes[cursor];
    if (first?.type !== 'token' || !['word', 'quoted'].includes(first.token.kind)) {
      throw SnowflakeSqlError.syntax(this.sql, (nodes[index] as { token: Token }).token.start, ':');
    }
    const key = (token: Token) => (token.kind === 'quoted' ? token.value : token.text);
    this.wrapLastOperand('(', ` -> ${pgString(key(first.token))})`, first.token.start);
    for (;;) {
      const next = nodes[cursor + 1];
      if (isPunct(next, '.')) {
        const part = nodes[cursor + 2];
        if (part?.type !== 'token' || !['word', 'quoted'].includes(part.token.kind)) break;
        this.wrapLastOperand('(', ` -> ${pgString(key(part.token))})`, part.token.start);
        cursor += 2;
      } else if (next?.type === 'group' && next.open.text === '[') {
        this.emitElementAccess(next, cursor + 1);
        cursor += 1;
      } else {
        break;
      }
    }
    return cursor + 1;
  }

  /** `arr[0]`, `obj['key']`. */
  private emitElementAccess(group: GroupNode, index: number): number {
    if (this.lastOperand < 0) throw SnowflakeSqlError.syntax(this.sql, group.open.start, '[');
    const start = this.lastOperand;
    this.pieces.splice(start, 0, { text: '(', source: group.open.start });
    this.emit(' -> ', group.open.start);
    this.emitNodes(group.children);
    this.emit(')', group.close.start);
    this.lastOperand = start;
    return index + 1;
  }

  private wrapLastOperand(before: string, after: string, source: number) {
    if (this.lastOperand < 0) throw SnowflakeSqlError.syntax(this.sql, source, before);
    this.pieces.splice(this.lastOperand, 0, { text: before, source });
    this.pieces.push({ text: after, source });
  }
}

/** Words that end the pattern operand of a LIKE. */
const LIKE_PATTERN_END = new Set(
  `AND OR THEN WHEN ELSE END ORDER GROUP HAVING LIMIT OFFSET FETCH UNION INTERSECT EXCEPT MINUS
   QUALIFY WINDOW AS FROM WHERE IS`.split(/\s+/),
);

/** What may follow AS without being an alias: `CREATE TABLE t AS SELECT`, `AS (subquery)`. */
const ALIAS_EXCEPTIONS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);
