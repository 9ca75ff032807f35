import type { GroupNode, SqlNode } from './syntax-tree';
import type { Token } from './lexer';

/** One `?` / `:N` binding as snowflake-sdk sends it: `{ "1": { "type": "TEXT", "value": "x" } }`. */
export interface Binding {
  type: string;
  value: string | null;
}

/** What a statement may refer to: the served database, the session's context, the bindings. */
export interface TranslationScope {
  /** The Snowflake database the server serves, as resolved (unquoted names upper-cased). */
  database: string;
  sessionDatabase: string | null;
  sessionSchema: string | null;
  sessionWarehouse: string | null;
  sessionRole: string;
  user: string;
  account: string;
  sessionId: number;
  serverVersion: string;
  bindings: Binding[];
  /** Cast text bindings to text, for positions PostgreSQL cannot type (`? IS NULL`). */
  castTextBindings?: boolean;
}

/**
 * `expression`: a parenthesised expression or argument list. `query`: a statement or subquery,
 * where FROM / JOIN introduce relations.
 */
export type NodeMode = 'query' | 'expression';

export interface FunctionCall {
  name: string;
  token: Token;
  group: GroupNode;
  args: SqlNode[][];
  /** The contents of a following `WITHIN GROUP (ORDER BY ...)`, for LISTAGG / ARRAY_AGG. */
  withinGroup?: SqlNode[];
}

/** The part of the translator that function rewrites use. */
export interface SqlWriter {
  readonly sql: string;
  readonly scope: TranslationScope;
  emit(text: string, sourceOffset: number): void;
  /** Translates nodes (identifiers, casts, nested calls...) into the output. */
  emitNodes(nodes: SqlNode[], mode?: NodeMode): void;
}
