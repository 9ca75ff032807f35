import { type Actor, AppError } from '@connect/core';
import type { ConnectionView, Store } from '@connect/store';
import type { z } from 'zod';
import type { createConnectionSchema } from './connection-input';
import { splitConfig } from './connection-input';
import { testConnection } from './test-connection';

/**
 * "Add Database": validates the kind's fields, tests the connection for real and
 * saves it only when the test passes, with its secrets encrypted. A failed test
 * rejects with the connector's message and nothing is stored.
 */
export async function createConnection(
  deps: { store: Store },
  actor: Actor,
  input: z.infer<typeof createConnectionSchema>,
  signal?: AbortSignal,
): Promise<{ connection: ConnectionView; latencyMs: number }> {
  const { store } = deps;
  const { full, config, secrets } = splitConfig(input.kind, input.config);
  const existing = await store.connections.list(actor.workspaceId);
  if (existing.some((connection) => connection.name.toLowerCase() === input.name.toLowerCase()))
    throw new AppError('conflict', `A database named "${input.name}" already exists. Choose another name.`, {
      fieldErrors: { name: 'This name is taken' },
    });
  const tested = await testConnection(input.kind, full, signal);
  const connection = await store.connections.create({
    workspaceId: actor.workspaceId,
    kind: input.kind,
    name: input.name,
    config,
    secrets,
    test: { ok: true, serverVersion: tested.serverVersion, credentials: tested.credentials },
    createdBy: actor.user.id,
  });
  await store.auditLog.recordBy(actor, {
    action: 'connection.created',
    target: { type: 'connection', id: connection.id },
    details: { name: connection.name, kind: connection.kind },
  });
  return { connection, latencyMs: tested.latencyMs };
}
