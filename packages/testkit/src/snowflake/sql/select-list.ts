import { SELECT_LIST_END } from './keywords';
import {
  firstOffset,
  isName,
  isOp,
  isPunct,
  isWord,
  lastOffset,
  nextSignificant,
  type SqlNode,
} from './syntax-tree';

/**
 * Snowflake names an unaliased select-list expression after its text, upper-cased
 * (`count(*)` -> `COUNT(*)`), where PostgreSQL would say `count`. Such items get a short
 * PostgreSQL alias (identifiers are capped at 63 bytes there) mapped back to the Snowflake name.
 * Returns node index -> alias for the last node of each such item.
 */
export function selectListAliases(
  sql: string,
  nodes: SqlNode[],
  names: Map<string, string>,
): Map<number, string> {
  const aliases = new Map<number, string>();
  const selectIndex = nodes.findIndex((node) => isWord(node, 'SELECT'));
  if (selectIndex < 0) return aliases;
  let index = nextSignificant(nodes, selectIndex + 1);
  while (isWord(nodes[index], 'DISTINCT', 'ALL')) index = nextSignificant(nodes, index + 1);

  let item: number[] = [];
  const items: number[][] = [];
  for (; index < nodes.length; index += 1) {
    const node = nodes[index]!;
    if (isWord(node) && SELECT_LIST_END.has(node.token.value)) {
      // `WITHIN GROUP (...)` belongs to an aggregate; only GROUP BY / ORDER BY end the list.
      const by = isWord(node, 'GROUP', 'ORDER')
        ? isWord(nodes[nextSignificant(nodes, index + 1)], 'BY')
        : true;
      if (by) break;
    }
    if (isPunct(node, ',')) {
      items.push(item);
      item = [];
    } else if (node.type === 'group' || node.token.kind !== 'space') {
      item.push(index);
    }
  }
  items.push(item);

  items.forEach((indices, position) => {
    const itemNodes = indices.map((i) => nodes[i]!);
    if (itemNodes.length === 0 || isSimpleReference(itemNodes) || hasAlias(itemNodes)) return;
    const alias = `__sf_col_${position + 1}`;
    names.set(alias, sql.slice(firstOffset(itemNodes), lastOffset(itemNodes)).toUpperCase());
    aliases.set(indices[indices.length - 1]!, alias);
  });
  return aliases;
}

/** `col`, `t.col`, `"Col"`, `*`, `t.*`: PostgreSQL already names these as Snowflake does. */
function isSimpleReference(nodes: SqlNode[]): boolean {
  return nodes.every((node, i) => {
    if (i % 2 === 1) return isPunct(node, '.');
    return isName(node) || (i === nodes.length - 1 && isOp(node, '*'));
  });
}

function hasAlias(nodes: SqlNode[]): boolean {
  if (nodes.length < 2) return false;
  const last = nodes[nodes.length - 1];
  const before = nodes[nodes.length - 2];
  if (isWord(before, 'AS') && (isWord(last) || (last?.type === 'token' && last.token.kind === 'quoted')))
    return true;
  if (!isName(last)) return false;
  // An implicit alias follows an operand, never an operator, a dot or a keyword.
  return !(
    before?.type === 'token' &&
    ['op', 'punct', 'word'].includes(before.token.kind) &&
    !isName(before)
  );
}
