import type { Actor } from '@connect/core';
import type { ConnectionView, Store } from '@connect/store';
import type { z } from 'zod';
import { mergeStoredSecrets, splitConfig, type updateConnectionSchema } from './connection-input';
import { testConnection } from './test-connection';

/**
 * Edits a connection. Secret fields left blank keep their stored value. The new
 * settings are tested first and saved only if the test passes.
 */
export async function updateConnection(
  deps: { store: Store },
  actor: Actor,
  id: string,
  input: z.infer<typeof updateConnectionSchema>,
  signal?: AbortSignal,
): Promise<{ connection: ConnectionView; latencyMs: number }> {
  const { store } = deps;
  const current = await store.connections.get(actor.workspaceId, id);
  const stored = await store.connections.secrets(actor.workspaceId, id);
  const clear = input.clearSecrets ?? [];
  const merged = mergeStoredSecrets(current.kind, input.config, stored, clear);
  const { full, config, secrets } = splitConfig(current.kind, merged);
  const tested = await testConnection(current.kind, full, signal);
  const connection = await store.connections.update(actor.workspaceId, id, {
    name: input.name,
    config,
    secrets,
    clearSecrets: clear,
    test: { ok: true, serverVersion: tested.serverVersion, credentials: tested.credentials },
  });
  await store.auditLog.recordBy(actor, {
    action: 'connection.updated',
    target: { type: 'connection', id },
    details: {
      name: connection.name,
      ...(current.name !== connection.name ? { previousName: current.name } : {}),
      // Which secrets changed, never their values.
      secretsChanged: Object.keys(secrets).filter((field) => secrets[field] !== stored[field]),
    },
  });
  return { connection, latencyMs: tested.latencyMs };
}
