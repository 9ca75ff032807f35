import type { CheckedGroup, CheckedNode } from '../filter/checked-filter';
import type { SqlDialect } from './sql-dialect';
import type { SqlParams } from './sql-params';

/**
 * The WHERE condition of a checked filter.
 *
 * Every rule comes out two-valued (true or false, never NULL): positive conditions
 * are NULL only when the field is empty, which WHERE treats as false, and negated
 * ones say `field IS NULL OR NOT (...)` explicitly. A NOT group wraps its body in
 * COALESCE(..., FALSE) so SQL's three-valued logic cannot drop rows that a user, or
 * MongoDB, would count as "not matching". That keeps every kind's answer identical.
 */
export function compileWhere(group: CheckedGroup, dialect: SqlDialect, params: SqlParams): string {
  return compileNode(group, dialect, params);
}

function compileNode(node: CheckedNode, dialect: SqlDialect, params: SqlParams): string {
  if (node.kind === 'rule') {
    const column = dialect.quoteIdentifier(node.field.name);
    const condition = dialect.compileCondition(column, node.field, node.condition, params);
    return node.negated ? `(${column} IS NULL OR NOT (${condition}))` : condition;
  }
  // An empty group constrains nothing, negated or not (the builder shows one while the user works).
  if (node.children.length === 0) return 'TRUE';
  const joiner = node.combinator === 'and' ? ' AND ' : ' OR ';
  const body = `(${node.children.map((child) => compileNode(child, dialect, params)).join(joiner)})`;
  return node.not ? `(NOT COALESCE(${body}, FALSE))` : body;
}
