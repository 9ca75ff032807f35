import type { WorkerDeps } from '../worker-deps';

/** Deletes sessions past their absolute expiry or idle for longer than allowed. */
export async function purgeExpiredSessions({ env, store, logger }: WorkerDeps): Promise<{ deleted: number }> {
  const idleSince = new Date(Date.now() - env.SESSION_IDLE_MINUTES * 60_000);
  const deleted = await store.sessions.deleteExpired(idleSince);
  if (deleted > 0) logger.info({ deleted }, 'purged expired sessions');
  return { deleted };
}
