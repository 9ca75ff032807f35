import { AppError } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { mergeStoredSecrets, splitConfig, updateConnectionSchema } from '../_lib/connection-input';
import { testConnection } from '../_lib/test-connection';

/** One connection (no secrets) and the cohorts built on it. */
export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const id = idParam(params.connectionId, 'database connection');
  return {
    connection: await services.store.connections.get(session.workspaceId, id),
    cohorts: await services.store.cohorts.listByConnection(session.workspaceId, id),
  };
});

/**
 * Edits a connection. Secret fields left blank keep their stored value. The new
 * settings are tested first and saved only if the test passes.
 */
export const PUT = sessionRoute(
  'edit',
  { body: updateConnectionSchema },
  async ({ req, session, body, params, meta, services }) => {
    const id = idParam(params.connectionId, 'database connection');
    const { store } = services;
    const current = await store.connections.get(session.workspaceId, id);
    const stored = await store.connections.secrets(session.workspaceId, id);
    const clear = body.clearSecrets ?? [];
    const merged = mergeStoredSecrets(current.kind, body.config, stored, clear);
    const { full, config, secrets } = splitConfig(current.kind, merged);
    const tested = await testConnection(current.kind, full, req.signal);
    const connection = await store.connections.update(session.workspaceId, id, {
      name: body.name,
      config,
      secrets,
      clearSecrets: clear,
      test: { ok: true, serverVersion: tested.serverVersion },
    });
    await store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'connection.updated',
      target: { type: 'connection', id },
      details: {
        name: connection.name,
        ...(current.name !== connection.name ? { previousName: current.name } : {}),
        // Which secrets changed, never their values.
        secretsChanged: Object.keys(secrets).filter((field) => secrets[field] !== stored[field]),
      },
      ip: meta.ip,
    });
    return { connection, latencyMs: tested.latencyMs };
  },
);

/** Deletes a connection; refused while cohorts read from it (they are named). */
export const DELETE = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const id = idParam(params.connectionId, 'database connection');
  const { store } = services;
  const connection = await store.connections.get(session.workspaceId, id);
  const cohorts = await store.cohorts.listByConnection(session.workspaceId, id);
  if (cohorts.length > 0) {
    const names = cohorts.map((cohort) => `"${cohort.name}"`).join(', ');
    throw new AppError(
      'conflict',
      `${connection.name} is used by ${cohorts.length === 1 ? 'the cohort' : `${cohorts.length} cohorts:`} ${names}. Delete ${cohorts.length === 1 ? 'it' : 'them'} first, then delete the database.`,
    );
  }
  await store.connections.delete(session.workspaceId, id);
  await services.connectors.forget(id);
  await store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'connection.deleted',
    target: { type: 'connection', id },
    details: { name: connection.name, kind: connection.kind },
    ip: meta.ip,
  });
  return { ok: true };
});
