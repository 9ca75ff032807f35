import { retestConnection } from '@connect/cohorts';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** Re-test with the stored settings; the reply is the recorded outcome, failed or not. */
export const POST = sessionRoute('edit', {}, async ({ req, session, params, services }) =>
  retestConnection(
    services,
    session.workspaceId,
    idParam(params.connectionId, 'database connection'),
    req.signal,
  ),
);
