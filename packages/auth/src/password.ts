import { hash, verify } from '@node-rs/argon2';

// The library's default algorithm is argon2id with OWASP's recommended cost
// (19 MiB, 2 passes, 1 lane); the PHC string records the parameters, so a later
// cost increase still verifies old hashes.

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the account does not exist, so response
 * times do not reveal which emails have accounts.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash('connect-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
