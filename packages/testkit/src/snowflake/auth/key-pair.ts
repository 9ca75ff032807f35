import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';

/** `SHA256:<base64 of the SHA-256 of the DER public key>`, as Snowflake shows RSA_PUBLIC_KEY_FP. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

export function parsePublicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

/**
 * Checks a key-pair login token the way Snowflake does: RS256, signed by the user's registered
 * key, `iss` = `ACCOUNT.USER.SHA256:<fingerprint>`, `sub` = `ACCOUNT.USER`, not expired, at most an
 * hour long. snowflake-sdk (authentication/auth_keypair.js) writes `iat` and `exp` in
 * milliseconds rather than JWT's seconds; both units are accepted.
 */
export async function verifyKeyPairToken(
  token: string,
  expected: { account: string; user: string; publicKey: KeyObject },
): Promise<boolean> {
  const account = expected.account.toUpperCase();
  const user = expected.user.toUpperCase();
  try {
    const { payload } = await jwtVerify(token, expected.publicKey, {
      algorithms: ['RS256'],
      issuer: `${account}.${user}.${publicKeyFingerprint(expected.publicKey)}`,
      subject: `${account}.${user}`,
      clockTolerance: 60,
    });
    const toMs = (value: number) => (value > 100_000_000_000 ? value : value * 1000);
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return false;
    const expires = toMs(payload.exp);
    const issued = toMs(payload.iat);
    return expires > Date.now() - 60_000 && expires - issued <= 3_600_000 + 60_000;
  } catch {
    return false;
  }
}
