import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeEncryptionKey } from '@connect/core';

/**
 * AES-256-GCM encryption of stored secrets (database passwords, API keys).
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id lets
 * several keys coexist during a rotation: new values use the current key, old ones
 * still decrypt with a previous key until re-encrypted. The optional context is
 * bound as additional authenticated data, so a ciphertext copied to another row or
 * column fails to decrypt instead of silently yielding someone else's secret.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;

  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    const current = decodeKey(currentKey);
    this.current = { id: keyIdOf(current), key: current };
    this.byId = new Map([[this.current.id, current]]);
    for (const previous of previousKeys) {
      const key = decodeKey(previous);
      this.byId.set(keyIdOf(key), key);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.current.id, b64(iv), b64(tag), b64(ciphertext)].join('.');
  }

  decrypt(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') {
      throw new SecretBoxError('A stored secret is not in a format Connect recognises.');
    }
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.byId.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        `A stored secret was encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_PREVIOUS. Add the old key to ENCRYPTION_KEYS_PREVIOUS.`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (cause) {
      throw new SecretBoxError(
        'A stored secret failed its integrity check: it was altered or belongs to another record.',
        { cause },
      );
    }
  }

  /** True when the value is sealed with an older key and should be re-encrypted. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

export class SecretBoxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SecretBoxError';
  }
}

function decodeKey(value: string): Buffer {
  const key = decodeEncryptionKey(value);
  if (!key) throw new SecretBoxError('An encryption key must be 32 bytes (64 hex characters or base64).');
  return key;
}

/** A short public fingerprint of a key: identifies it without revealing it. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('connect-key-id:').update(key).digest('hex').slice(0, 8);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
