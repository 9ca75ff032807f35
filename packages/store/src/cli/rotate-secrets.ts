// `pnpm secrets:rotate`: re-encrypts every stored secret with the current
// ENCRYPTION_KEY. Set the old key in ENCRYPTION_KEYS_PREVIOUS first; once this
// reports success, the old key can be removed.
import { envVars, EnvError, parseEnv } from '@connect/core';
import { createStore } from '../store';

try {
  const env = parseEnv(
    {
      DATABASE_URL: envVars.databaseUrl,
      ENCRYPTION_KEY: envVars.encryptionKey,
      ENCRYPTION_KEYS_PREVIOUS: envVars.previousEncryptionKeys,
    },
    process.env,
  );
  const store = createStore({
    databaseUrl: env.DATABASE_URL,
    encryptionKey: env.ENCRYPTION_KEY,
    previousEncryptionKeys: env.ENCRYPTION_KEYS_PREVIOUS,
  });
  try {
    const rotated = await store.rotateSecrets();
    console.log(`Re-encrypted ${rotated} stored secret(s) with the current ENCRYPTION_KEY.`);
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Rotation failed: ${String(error)}`);
  process.exitCode = 1;
}
