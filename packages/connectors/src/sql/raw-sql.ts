import { splitQuery, type SplitterOptions } from 'dbgate-query-splitter';

/** The splitter's rich result (its type is not exported from the package root). */
interface SplitItem {
  text: string;
  trimStart?: { position: number };
  trimEnd?: { position: number };
}
import { ConnectorError } from '../errors/connector-error';
import { queryErrors } from '../errors/query-messages';

/** Statements that change data or schema, or session state: refused before they reach the database. */
const writeKeywords = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'upsert',
  'replace',
  'create',
  'drop',
  'alter',
  'truncate',
  'rename',
  'grant',
  'revoke',
  'copy',
  'load',
  'call',
  'do',
  'exec',
  'execute',
  'set',
  'reset',
  'lock',
  'unlock',
  'vacuum',
  'analyze',
  'optimize',
  'cluster',
  'reindex',
  'comment',
  'refresh',
  'import',
  'handler',
  'install',
  'uninstall',
  'flush',
  'kill',
  'purge',
  'prepare',
  'deallocate',
  'begin',
  'start',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'discard',
  'listen',
  'notify',
]);

/** What a query may start with: a SELECT in one of its forms. */
const readKeywords = new Set(['select', 'with', 'values', 'table']);

/**
 * Checks raw SQL is exactly one read statement and returns it without trailing
 * semicolons and comments, ready to be wrapped as a subquery.
 *
 * This check is for clear messages, not for safety: the statement also runs wrapped
 * as a subquery (only a query expression parses there) inside a read-only transaction
 * with a time limit, so anything this check misses is still refused by the database.
 */
export function singleReadStatement(text: string, splitter: SplitterOptions): string {
  const items = (
    splitQuery(text, {
      ...splitter,
      allowCustomDelimiter: false,
      returnRichInfo: true,
      ignoreComments: true,
    }) as SplitItem[]
  ).filter((item) => (item.trimEnd?.position ?? 0) > (item.trimStart?.position ?? 0));
  if (items.length === 0)
    throw new ConnectorError('query_rejected', 'The query is empty: write a SELECT query.');
  if (items.length > 1)
    throw new ConnectorError(
      'query_rejected',
      `Write one statement only; this text has ${items.length} statements separated by ";".`,
    );
  const statement = items[0]!;
  const keyword = /^[\s(]*([a-z]+)/i.exec(statement.text)?.[1]?.toLowerCase() ?? '';
  if (writeKeywords.has(keyword)) throw queryErrors.writes(`it starts with ${keyword.toUpperCase()}`);
  if (!readKeywords.has(keyword))
    throw new ConnectorError(
      'query_rejected',
      `Only SELECT queries can define a cohort; this one starts with ${keyword ? keyword.toUpperCase() : 'something else'}.`,
    );
  return text.slice(0, statement.trimEnd!.position);
}
