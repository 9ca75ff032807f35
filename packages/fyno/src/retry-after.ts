/**
 * Reads a `Retry-After` header, which is either a number of seconds or an HTTP date
 * (RFC 9110 section 10.2.3), as a wait in milliseconds from `now`. Returns undefined when
 * the header is absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(
  header: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date always names its day and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
