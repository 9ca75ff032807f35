import { describeScheduleWhen, nextRunTimes, type ScheduleSpec } from '@connect/core';
import type { CampaignListItem, CampaignRun, Store } from '@connect/store';

export interface CampaignSummary extends CampaignListItem {
  /** "Every Monday and Friday at 13:00, Asia/Kolkata, starting 1 Jan 2026, ending after 10 runs (3 done)". */
  scheduleWords: string;
  scheduledRunsCompleted: number;
  /** The most recent run, whatever its state. */
  lastRun: CampaignRun | null;
  /** The next scheduled run time (ISO), when the campaign is active and has one. */
  nextRun: string | null;
}

/**
 * The campaign's "When": the schedule in words with its start date, its "end after N"
 * and how far it has got, for lists and headers.
 */
export function scheduleInWords(schedule: ScheduleSpec | null, completedRuns: number): string {
  if (!schedule) return 'One time, sent when started';
  const words = describeScheduleWhen(schedule);
  if (schedule.kind === 'once') return words;
  if (schedule.endAfterRuns !== null) return `${words} (${completedRuns} done)`;
  return `${words}, ${completedRuns} ${completedRuns === 1 ? 'run' : 'runs'} done`;
}

/** Every campaign of a workspace with what the campaigns list shows about it. */
export async function listCampaignSummaries(
  store: Store,
  workspaceId: string,
  now = new Date(),
): Promise<CampaignSummary[]> {
  const campaigns = await store.campaigns.list(workspaceId);
  return Promise.all(
    campaigns.map(async (campaign) => {
      const [[lastRun], counts] = await Promise.all([
        store.campaignRuns.listByCampaign(workspaceId, campaign.id, 1),
        store.campaignRuns.scheduledRunCounts(campaign.id),
      ]);
      const [next] =
        campaign.schedule && campaign.status === 'active'
          ? nextRunTimes(campaign.schedule, { from: now, count: 1, completedRuns: counts.completed })
          : [];
      return {
        ...campaign,
        scheduleWords: scheduleInWords(campaign.schedule, counts.completed),
        scheduledRunsCompleted: counts.completed,
        lastRun: lastRun ?? null,
        nextRun: next?.toISOString() ?? null,
      };
    }),
  );
}
