/**
 * The escape character of every LIKE we write. Not a backslash: MySQL treats
 * backslashes in literals differently depending on sql_mode, and `!` means the same
 * thing to every SQL database.
 */
export const likeEscapeChar = '!';

/** A LIKE pattern that matches `text` literally: `%`, `_` and the escape character lose their meaning. */
export function likePattern(text: string, kind: 'contains' | 'beginsWith' | 'endsWith'): string {
  const literal = text.replace(/[!%_]/g, (char) => `${likeEscapeChar}${char}`);
  if (kind === 'beginsWith') return `${literal}%`;
  if (kind === 'endsWith') return `%${literal}`;
  return `%${literal}%`;
}
