/**
 * One line of SHOW GRANTS, parsed. MySQL and MariaDB print grants as statements:
 *
 *   GRANT SELECT, INSERT (`a`, `b`) ON `app`.* TO `u`@`%` IDENTIFIED BY PASSWORD '*...'
 *   GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION
 *   GRANT APPLICATION_PASSWORD_ADMIN,AUDIT_ADMIN,... ON *.* TO `root`@`localhost`   (MySQL 8 dynamic)
 *   GRANT `reporting`@`%`,`etl` TO `u`@`%`                                           (roles)
 *
 * Only privilege names and objects are kept: a line may carry a password hash, which
 * must go nowhere.
 */
export type ParsedGrant =
  | {
      type: 'privileges';
      /** Upper-case names, column lists dropped ("INSERT (`a`)" is INSERT); ALL PRIVILEGES as ALL. */
      privileges: string[];
      /** `*` for every database; else a database name, or a LIKE pattern when `pattern`. */
      database: string;
      /** `*` for every table of the database. */
      table: string;
      /** The database part is a LIKE pattern (an unescaped `%` or `_`). */
      pattern: boolean;
      /** FUNCTION, PROCEDURE, PACKAGE: routines, not tables. */
      routine: boolean;
      withGrantOption: boolean;
    }
  | { type: 'roles'; roles: string[] }
  | { type: 'other' };

/** Splits `text` at top-level occurrences of `separator`: not inside backticks, quotes or parentheses. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) {
        // A doubled quote stays inside the quoted name.
        if (text[index + 1] === quote) index += 1;
        else quote = null;
      } else if (char === '\\' && quote !== '`') index += 1;
      continue;
    }
    if (char === '`' || char === "'" || char === '"') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0) {
      const match = separator.exec(text.slice(index));
      if (match && match.index === 0) {
        parts.push(text.slice(start, index));
        index += match[0].length - 1;
        start = index + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `` `na``me` `` -> na`me; unquoted text as it is. */
function unquote(part: string): string {
  const trimmed = part.trim();
  if (trimmed.startsWith('`') && trimmed.endsWith('`')) return trimmed.slice(1, -1).replaceAll('``', '`');
  if (trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replaceAll("''", "'");
  return trimmed;
}

/** Whether a database name in a grant is a LIKE pattern: `%` or `_` not escaped with a backslash. */
function isPattern(name: string): boolean {
  return /(^|[^\\])(\\\\)*[%_]/.test(name);
}

export function parseGrantLine(line: string): ParsedGrant {
  const text = line.trim();
  if (!/^GRANT\s/i.test(text)) return { type: 'other' };
  const body = text.replace(/^GRANT\s+/i, '');
  const [what, rest] = splitTopLevel(body, /^\s+ON\s+/i);
  if (rest === undefined) {
    const [roles] = splitTopLevel(body, /^\s+TO\s+/i);
    return {
      type: 'roles',
      roles: splitTopLevel(roles ?? '', /^,/).map((role) => unquote(splitTopLevel(role, /^@/)[0] ?? '')),
    };
  }
  const [object = '', grantee = ''] = splitTopLevel(rest, /^\s+TO\s+/i);
  const routineMatch = /^(FUNCTION|PROCEDURE|PACKAGE BODY|PACKAGE)\s+/i.exec(object.trim());
  const target = routineMatch ? object.trim().slice(routineMatch[0].length) : object.trim();
  if (/^PROXY$/i.test(what?.trim() ?? '')) return { type: 'other' };
  const [database = '*', table = '*'] = splitTopLevel(target, /^\./).map(unquote);
  const privileges = splitTopLevel(what ?? '', /^,/)
    .map((privilege) =>
      privilege
        .replace(/\(.*\)$/s, '')
        .trim()
        .replace(/\s+/g, ' ')
        .toUpperCase(),
    )
    .filter((privilege) => privilege.length > 0)
    .map((privilege) => (privilege === 'ALL PRIVILEGES' ? 'ALL' : privilege));
  return {
    type: 'privileges',
    privileges,
    database,
    table,
    pattern: database !== '*' && isPattern(database),
    routine: routineMatch !== null,
    withGrantOption: /\sWITH\s+(?:.*\s)?GRANT\s+OPTION/i.test(grantee),
  };
}

/** Whether a grant's database part covers `database`: `*`, the name itself, or a LIKE pattern matching it. */
export function grantCovers(grant: Extract<ParsedGrant, { type: 'privileges' }>, database: string): boolean {
  if (grant.database === '*') return true;
  if (!grant.pattern) return grant.database.replace(/\\([%_\\])/g, '$1') === database;
  let source = '';
  for (let index = 0; index < grant.database.length; index += 1) {
    const char = grant.database[index]!;
    if (char === '\\' && index + 1 < grant.database.length) {
      source += grant.database[index + 1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      index += 1;
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(database);
}
