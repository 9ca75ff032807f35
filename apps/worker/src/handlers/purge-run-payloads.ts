import type { WorkerDeps } from '../worker-deps';

/** Removes who-was-sent-what from runs finished longer ago than the retention period. */
export async function purgeRunPayloads({ env, store, logger }: WorkerDeps): Promise<{ runs: number }> {
  const cutoff = new Date(Date.now() - env.RUN_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const runs = await store.runRecipients.purgePayloads(cutoff);
  if (runs > 0) logger.info({ runs, cutoff }, 'purged recipient details of old runs');
  return { runs };
}
