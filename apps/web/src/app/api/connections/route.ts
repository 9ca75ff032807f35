import { AppError } from '@connect/core';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { createConnectionSchema, splitConfig } from './_lib/connection-input';
import { kindSummaries } from './_lib/kind-summaries';
import { testConnection } from './_lib/test-connection';

/** The connected databases (never their secrets) and the kinds that can be added. */
export const GET = sessionRoute('read', {}, async ({ session, services }) => ({
  connections: await services.store.connections.list(session.workspaceId),
  kinds: kindSummaries(),
}));

/**
 * "Add Database": validates the kind's fields, tests the connection for real and
 * saves it only when the test passes. A failure comes back with the connector's
 * message and nothing is stored.
 */
export const POST = sessionRoute(
  'edit',
  { body: createConnectionSchema },
  async ({ req, session, body, meta, services }) => {
    const { full, config, secrets } = splitConfig(body.kind, body.config);
    const existing = await services.store.connections.list(session.workspaceId);
    if (existing.some((connection) => connection.name.toLowerCase() === body.name.toLowerCase()))
      throw new AppError('conflict', `A database named "${body.name}" already exists. Choose another name.`, {
        fieldErrors: { name: 'This name is taken' },
      });
    const tested = await testConnection(body.kind, full, req.signal);
    const connection = await services.store.connections.create({
      workspaceId: session.workspaceId,
      kind: body.kind,
      name: body.name,
      config,
      secrets,
      test: { ok: true, serverVersion: tested.serverVersion },
      createdBy: session.user.id,
    });
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'connection.created',
      target: { type: 'connection', id: connection.id },
      details: { name: connection.name, kind: connection.kind },
      ip: meta.ip,
    });
    return NextResponse.json({ connection, latencyMs: tested.latencyMs }, { status: 201 });
  },
);
