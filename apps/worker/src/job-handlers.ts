import type { JobName, JobPayload } from '@connect/queue';
import type { Job } from 'bullmq';
import { campaignTick } from './handlers/campaign-tick';
import { purgeExpiredSessions } from './handlers/purge-expired-sessions';
import { purgeRunPayloads } from './handlers/purge-run-payloads';
import { runSnapshot } from './handlers/run-snapshot';
import { sendRunBatch } from './handlers/send-run-batch';
import { sweepStrandedRuns } from './handlers/sweep-runs';
import type { WorkerDeps } from './worker-deps';

/** One handler per catalogue entry; the type makes a missing handler a compile error. */
export type JobHandlers = {
  [Name in JobName]: (payload: JobPayload<Name>, job: Job, token: string | undefined) => Promise<unknown>;
};

export function createJobHandlers(deps: WorkerDeps): JobHandlers {
  return {
    'campaign-run': (payload, job, token) => runSnapshot(deps, payload, job, token),
    'campaign-tick': (payload) => campaignTick(deps, payload),
    'campaign-batch': (payload, job, token) => sendRunBatch(deps, payload, job, token),
    'purge-expired-sessions': () => purgeExpiredSessions(deps),
    'purge-run-payloads': () => purgeRunPayloads(deps),
    'sweep-runs': () => sweepStrandedRuns(deps),
  };
}
