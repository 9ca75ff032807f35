import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when an Authorization header carries exactly `Bearer <expected>`. Both
 * sides are hashed first so the comparison takes the same time whatever the
 * length or content of a guess.
 */
export function bearerTokenMatches(header: string | null, expected: string): boolean {
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(expected));
}
