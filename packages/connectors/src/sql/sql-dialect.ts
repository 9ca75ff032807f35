import type { SplitterOptions } from 'dbgate-query-splitter';
import type { FieldDescriptor } from '../connector';
import type { CheckedCondition } from '../filter/checked-filter';
import type { SourceRef } from '../source-ref';
import type { SqlParams } from './sql-params';

/**
 * What differs between SQL databases when we write a query: quoting, placeholders,
 * and how each positive condition is spelled. Everything else (walking the checked
 * filter, negation, paging, wrapping raw SQL) is shared.
 */
export interface SqlDialect {
  /** A quoted identifier; embedded quote characters are doubled. */
  quoteIdentifier(name: string): string;
  /** `"schema"."name"`, quoted. */
  quoteSource(ref: SourceRef): string;
  /** A fresh parameter list with this dialect's placeholders. */
  params(): SqlParams;
  /** One positive condition on a (quoted) column, values bound through `params`. */
  compileCondition(
    column: string,
    field: FieldDescriptor,
    condition: CheckedCondition,
    params: SqlParams,
  ): string;
  /**
   * An ORDER BY term. Empty values sort as the smallest (first ascending, last
   * descending) on every kind, as MySQL and MongoDB do natively.
   */
  orderTerm(column: string, direction: 'asc' | 'desc', nullable: boolean): string;
  /** How the query splitter reads this dialect's strings and comments. */
  splitter: SplitterOptions;
  /**
   * Rewrites raw query text before the single-statement check, for syntax the
   * splitter does not know (Snowflake's `//` comments, blanked).
   */
  prepareRawQuery?(text: string): string;
}
