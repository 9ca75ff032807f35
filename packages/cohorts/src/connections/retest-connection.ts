import { isAppError } from '@connect/core';
import type { ConnectionView, Store } from '@connect/store';
import { testConnection } from './test-connection';

export type RetestResult =
  | { ok: true; connection: ConnectionView; latencyMs: number }
  | { ok: false; connection: ConnectionView; error: string };

/**
 * Re-test: connects with the stored settings and records the outcome (status, last
 * tested, the database's message, what the user may do). A failure the user can act
 * on is an outcome, not an error; anything else is a bug and rejects.
 */
export async function retestConnection(
  deps: { store: Store },
  workspaceId: string,
  id: string,
  signal?: AbortSignal,
): Promise<RetestResult> {
  const { store } = deps;
  const current = await store.connections.getWithSecrets(workspaceId, id);
  try {
    const tested = await testConnection(current.kind, current.fullConfig, signal);
    const connection = await store.connections.recordTest(workspaceId, id, {
      ok: true,
      serverVersion: tested.serverVersion,
      credentials: tested.credentials,
    });
    return { ok: true, connection, latencyMs: tested.latencyMs };
  } catch (error) {
    if (!isAppError(error) || signal?.aborted) throw error;
    const connection = await store.connections.recordTest(workspaceId, id, {
      ok: false,
      error: error.message,
    });
    return { ok: false, connection, error: error.message };
  }
}
