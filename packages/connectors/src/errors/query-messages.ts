import { ConnectorError } from './connector-error';

/** Messages shared by the SQL kinds, so the same situation reads the same everywhere. */
export const queryErrors = {
  timeout: (timeoutMs: number) =>
    new ConnectorError(
      'timeout',
      `The query took longer than ${formatSeconds(timeoutMs)} and was stopped on the database. Narrow the filter, or raise the time limit in the connection settings.`,
    ),
  writes: (detail?: string) =>
    new ConnectorError(
      'query_rejected',
      `Connect only reads from your database, and this query tries to change something${detail ? ` (${detail})` : ''}. Write a SELECT query instead.`,
    ),
  /** The server found several statements where our own check saw one. */
  oneStatement: () =>
    new ConnectorError(
      'query_rejected',
      'Write one statement only: the database read more than one statement in this text.',
    ),
  failed: (detail: string) =>
    new ConnectorError('query_failed', `The database rejected the query: ${detail}`),
  permission: (user: string | undefined, detail: string) =>
    new ConnectorError(
      'permission_denied',
      `The database user${user ? ` "${user}"` : ''} may not read this (${detail}). Grant it SELECT, or connect as another user.`,
    ),
};

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds === 1 ? '1 second' : `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} seconds`;
}
