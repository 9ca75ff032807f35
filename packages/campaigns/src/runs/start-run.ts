import { randomUUID } from 'node:crypto';
import type { JobProducer } from '@connect/queue';
import type { CampaignRun, Store } from '@connect/store';
import type { RunSettings } from './run-settings';
import { enqueueSnapshot } from './run-jobs';

/**
 * Starts one occurrence of a campaign: freezes its settings into a new run and
 * queues the snapshot. The same occurrence never starts twice (the run's unique key
 * and the job id both say so), so a schedule firing twice or a double click is safe.
 */
export async function startCampaignRun(
  deps: { store: Store; jobs: JobProducer },
  input: {
    workspaceId: string;
    campaignId: string;
    trigger: 'manual' | 'schedule';
    /** The schedule slot; omitted for "run now", which is always a new occurrence. */
    occurrence?: string;
    requestedBy: string | null;
  },
): Promise<{ run: CampaignRun; created: boolean }> {
  const campaign = await deps.store.campaigns.get(input.workspaceId, input.campaignId);
  const cohort = await deps.store.cohorts.get(input.workspaceId, campaign.cohortId);
  const settings: RunSettings = {
    campaignName: campaign.name,
    mapping: campaign.mapping,
    rateLimitPerSecond: campaign.rateLimitPerSecond,
    errorPolicy: campaign.errorPolicy,
    cohort: {
      id: cohort.id,
      name: cohort.name,
      connectionId: cohort.connectionId,
      source: cohort.source,
      definition: cohort.definition,
    },
  };
  const result = await deps.store.campaignRuns.createForOccurrence({
    workspaceId: input.workspaceId,
    campaignId: campaign.id,
    occurrence: input.occurrence ?? `manual:${randomUUID()}`,
    trigger: input.trigger,
    settings: settings as unknown as Record<string, unknown>,
    requestedBy: input.requestedBy,
  });
  if (result.created) await enqueueSnapshot(deps.jobs, result.run.id);
  return result;
}
