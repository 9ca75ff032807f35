import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box';

const keyA = 'a1'.repeat(32);
const keyB = Buffer.alloc(32, 9).toString('base64');

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in the clear', () => {
    const box = new SecretBox(keyA);
    const sealed = box.encrypt('s3cret-päss', 'ctx');
    expect(sealed).not.toContain('s3cret');
    expect(box.decrypt(sealed, 'ctx')).toBe('s3cret-päss');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    const box = new SecretBox(keyA);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('fails loudly when any part of the ciphertext is altered', () => {
    const box = new SecretBox(keyA);
    const sealed = box.encrypt('hello world');
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      altered[index] = bytes.toString('base64url');
      expect(() => box.decrypt(altered.join('.'))).toThrow(SecretBoxError);
    }
  });

  it('refuses a ciphertext moved to another record (context mismatch)', () => {
    const box = new SecretBox(keyA);
    const sealed = box.encrypt('pw', 'connection:1');
    expect(() => box.decrypt(sealed, 'connection:2')).toThrow(/integrity check/);
  });

  it('decrypts values sealed with a previous key after rotation, and flags them', () => {
    const old = new SecretBox(keyA);
    const sealed = old.encrypt('rotate me');
    const rotated = new SecretBox(keyB, [keyA]);
    expect(rotated.decrypt(sealed)).toBe('rotate me');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('new'))).toBe(false);
  });

  it('names the missing key when a value was sealed with an unknown key', () => {
    const sealed = new SecretBox(keyA).encrypt('x');
    expect(() => new SecretBox(keyB).decrypt(sealed)).toThrow(/ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('rejects garbage', () => {
    expect(() => new SecretBox(keyA).decrypt('not-a-secret')).toThrow(SecretBoxError);
  });
});
