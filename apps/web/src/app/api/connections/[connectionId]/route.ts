import {
  connectionInUse,
  deleteConnection,
  updateConnection,
  updateConnectionSchema,
} from '@connect/cohorts';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** One connection (no secrets), the cohorts built on it, and whether that blocks deleting it. */
export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const id = idParam(params.connectionId, 'database connection');
  const connection = await services.store.connections.get(session.workspaceId, id);
  return {
    connection,
    cohorts: await services.store.cohorts.listByConnection(session.workspaceId, id),
    inUse: await connectionInUse(services.store, session.workspaceId, connection),
  };
});

/** Edits a connection; blank secret fields keep their stored value; see `updateConnection`. */
export const PUT = sessionRoute(
  'edit',
  { body: updateConnectionSchema },
  async ({ req, actor, body, params, services }) =>
    updateConnection(services, actor, idParam(params.connectionId, 'database connection'), body, req.signal),
);

/** Deletes a connection; refused while cohorts read from it (they are named). */
export const DELETE = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  await deleteConnection(services, actor, idParam(params.connectionId, 'database connection'));
  return { ok: true };
});
