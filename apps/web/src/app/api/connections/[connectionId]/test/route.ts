import { isAppError } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { testConnection } from '../../_lib/test-connection';

/**
 * Re-test: connects with the stored settings and records the outcome (status, last
 * tested, the database's message). The reply is the outcome, failed or not.
 */
export const POST = sessionRoute('edit', {}, async ({ req, session, params, services }) => {
  const id = idParam(params.connectionId, 'database connection');
  const { store } = services;
  const current = await store.connections.getWithSecrets(session.workspaceId, id);
  try {
    const tested = await testConnection(current.kind, current.fullConfig, req.signal);
    const connection = await store.connections.recordTest(session.workspaceId, id, {
      ok: true,
      serverVersion: tested.serverVersion,
    });
    return { ok: true, connection, latencyMs: tested.latencyMs };
  } catch (error) {
    // Only failures the user can act on are recorded; anything else is a bug and goes to the logs.
    if (!isAppError(error) || req.signal.aborted) throw error;
    const connection = await store.connections.recordTest(session.workspaceId, id, {
      ok: false,
      error: error.message,
    });
    return { ok: false, connection, error: error.message };
  }
});
