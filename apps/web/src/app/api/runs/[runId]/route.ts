import { runProgress } from '@connect/campaigns';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** A run with its counts and progress; polled by the run page while it goes. */
export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const run = await services.store.campaignRuns.get(session.workspaceId, idParam(params.runId, 'run'));
  return { run, progress: runProgress(run) };
});
