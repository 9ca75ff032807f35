import { cancelRun, pauseRun, resumeRun, retryRun } from '@connect/campaigns';
import { AppError } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

const actions = { pause: pauseRun, resume: resumeRun, cancel: cancelRun, retry: retryRun } as const;

/** Pause, resume, cancel or retry a run. */
export const POST = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  const runId = idParam(params.runId, 'run');
  const action = params.action as keyof typeof actions;
  if (!Object.hasOwn(actions, action)) throw new AppError('not_found', 'There is no such run action.');
  return { run: await actions[action](services, actor, runId) };
});
