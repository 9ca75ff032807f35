/**
 * Connection strings as users paste them (`postgresql://user:pw@host:5432/db?sslmode=require`),
 * parsed strictly: known schemes only, one host, and only the query parameters a
 * kind allows, so a pasted string cannot switch on driver features we did not
 * choose (for example reading certificate files from the server's disk).
 */
export interface ConnectionUrl {
  host: string;
  port: number;
  database: string | undefined;
  user: string | undefined;
  password: string | undefined;
  params: Map<string, string>;
}

export interface ConnectionUrlRules {
  schemes: readonly string[];
  defaultPort: number;
  allowedParams: readonly string[];
}

export type ParsedUrl = { ok: true; url: ConnectionUrl } | { ok: false; message: string };

export function parseConnectionUrl(text: string, rules: ConnectionUrlRules): ParsedUrl {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  const example = `${rules.schemes[0]}://user@host:${rules.defaultPort}/database`;
  if (!scheme || !rules.schemes.includes(scheme))
    return {
      ok: false,
      message: `Start the connection string with ${rules.schemes.map((s) => `${s}://`).join(' or ')}, e.g. ${example}`,
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `This is not a valid connection string; it should look like ${example}` };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return { ok: false, message: `The connection string has no host, e.g. ${example}` };
  if (host.includes(',')) return { ok: false, message: 'Give one host only.' };
  const port = url.port === '' ? rules.defaultPort : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { ok: false, message: 'The port must be a number between 1 and 65535.' };
  const path = url.pathname.replace(/^\//, '');
  if (path.includes('/'))
    return { ok: false, message: `Give one database name after the host, e.g. ${example}` };
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!rules.allowedParams.includes(key))
      return {
        ok: false,
        message: `The parameter "${key.slice(0, 40)}" is not supported; allowed: ${rules.allowedParams.join(', ')}.`,
      };
    params.set(key, value);
  }
  try {
    return {
      ok: true,
      url: {
        host,
        port,
        database: path === '' ? undefined : decodeURIComponent(path),
        user: url.username === '' ? undefined : decodeURIComponent(url.username),
        password: url.password === '' ? undefined : decodeURIComponent(url.password),
        params,
      },
    };
  } catch {
    return { ok: false, message: 'The connection string has a badly encoded part (check any % signs).' };
  }
}

/** The same connection string without its password, for storing as a non-secret field. */
export function withoutPassword(text: string): string {
  const url = new URL(text);
  url.password = '';
  return url.toString();
}
