import { createHash, randomBytes } from 'node:crypto';

/** A new session token (256 random bits) for the cookie, and the hash the server keeps. */
export function newSessionToken(): { token: string; idHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, idHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
