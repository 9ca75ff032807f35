import { createConnection, createConnectionSchema, kindSummaries } from '@connect/cohorts';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';

/** The connected databases (never their secrets) and the kinds that can be added. */
export const GET = sessionRoute('read', {}, async ({ session, services }) => ({
  connections: await services.store.connections.list(session.workspaceId),
  kinds: kindSummaries(),
}));

/** "Add Database": tested for real, saved only when the test passes; see `createConnection`. */
export const POST = sessionRoute(
  'edit',
  { body: createConnectionSchema },
  async ({ req, actor, body, services }) =>
    NextResponse.json(await createConnection(services, actor, body, req.signal), { status: 201 }),
);
