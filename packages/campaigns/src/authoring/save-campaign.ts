import { type Actor, AppError, type CampaignSettings, type FynoChannel, zonedInstant } from '@connect/core';
import type { ConnectorCache } from '@connect/connectors';
import type { FynoClientPool } from '@connect/delivery';
import type { JobProducer } from '@connect/queue';
import type { CampaignRow, CampaignRun, Store } from '@connect/store';
import { syncCampaignSchedule } from '../schedules/campaign-schedule';
import { startCampaignRun } from '../runs/start-run';
import { testTrigger, type TestTriggerResult } from './test-trigger';
import { validateCampaign } from './validate-campaign';

export interface SaveCampaignInput {
  /** Who saves it: their workspace, and the audit record's author. */
  actor: Actor;
  /** The campaign to change; omitted to create a new one. */
  campaignId?: string;
  campaign: CampaignSettings;
  /** Fire one test event first, and save only when Fyno accepts it ("Trigger Campaign"). */
  testTrigger?: { channel: FynoChannel; destination: string };
  /** One time, now: start a run as soon as the campaign is saved. */
  startNow?: boolean;
}

export type SaveCampaignResult =
  | {
      saved: false;
      /** Fyno refused the test event; its reply, verbatim. Nothing was saved or sent. */
      trigger: TestTriggerResult;
    }
  | {
      saved: true;
      campaign: CampaignRow;
      /** The run started for "one time, now". */
      run: CampaignRun | null;
      trigger: TestTriggerResult | null;
    };

/**
 * What the wizard's "Trigger Campaign" does: checks the campaign against the
 * workspace, fires its event once to a test destination with the cohort's first
 * row, and only when Fyno accepts it creates (or updates) the campaign, puts its
 * schedule on the queue and, for "one time, now", starts the first run. When Fyno
 * refuses, nothing is created, changed or started.
 *
 * Everything that could refuse the save afterwards (a taken name, a time in the
 * past) is checked before the test event goes out, so an accepted test is never
 * followed by a failed save.
 */
export async function saveCampaign(
  deps: { store: Store; connectors: ConnectorCache; fyno: FynoClientPool; jobs: JobProducer },
  input: SaveCampaignInput,
  now = new Date(),
): Promise<SaveCampaignResult> {
  const { store } = deps;
  const { actor, campaign: settings } = input;
  const { workspaceId } = actor;
  await validateCampaign(store, workspaceId, settings);
  await assertNameFree(store, workspaceId, settings.name, input.campaignId);
  assertScheduleAhead(settings, now);
  if (input.startNow && settings.schedule !== null) {
    throw new AppError(
      'invalid_input',
      'Only a one-time campaign sent now starts at once; a scheduled campaign runs at its times.',
      { fieldErrors: { startNow: 'Not with a schedule' } },
    );
  }
  if (input.campaignId) await store.campaigns.get(workspaceId, input.campaignId);

  let trigger: TestTriggerResult | null = null;
  if (input.testTrigger) {
    if (!(input.testTrigger.channel in settings.mapping.to)) {
      throw new AppError(
        'invalid_input',
        'Send the test on one of the channels the campaign maps under "To".',
        { fieldErrors: { 'testTrigger.channel': 'Not a channel of this campaign' } },
      );
    }
    trigger = await testTrigger(deps, {
      workspaceId,
      cohortId: settings.cohortId,
      mapping: settings.mapping,
      channel: input.testTrigger.channel,
      destination: input.testTrigger.destination,
    });
    if (!trigger.ok) return { saved: false, trigger };
  }

  const campaign = input.campaignId
    ? await store.campaigns.update(workspaceId, input.campaignId, settings)
    : await store.campaigns.create(workspaceId, settings, actor.user.id);
  // Editing reschedules: the old times go, the new ones come.
  await syncCampaignSchedule(deps, campaign);
  const run = input.startNow
    ? (
        await startCampaignRun(deps, {
          workspaceId,
          campaignId: campaign.id,
          trigger: 'manual',
          requestedBy: actor.user.id,
        })
      ).run
    : null;
  await store.auditLog.recordBy(actor, {
    action: input.campaignId ? 'campaign.updated' : 'campaign.created',
    target: { type: 'campaign', id: campaign.id },
    details: { name: campaign.name, event: campaign.mapping.eventName },
  });
  if (run) {
    await store.auditLog.recordBy(actor, {
      action: 'campaign.run_started',
      target: { type: 'run', id: run.id },
      details: { campaignId: campaign.id },
    });
  }
  return { saved: true, campaign, run, trigger };
}

async function assertNameFree(store: Store, workspaceId: string, name: string, exceptId?: string) {
  const wanted = name.trim().toLowerCase();
  const taken = (await store.campaigns.list(workspaceId)).some(
    (campaign) => campaign.id !== exceptId && campaign.name.trim().toLowerCase() === wanted,
  );
  if (taken) {
    throw new AppError('conflict', `A campaign named "${name}" already exists. Choose another name.`, {
      fieldErrors: { name: 'This name is taken' },
    });
  }
}

function assertScheduleAhead(settings: CampaignSettings, now: Date) {
  const schedule = settings.schedule;
  if (schedule?.kind !== 'once') return;
  if (zonedInstant(schedule.at, schedule.timeZone).getTime() <= now.getTime()) {
    throw new AppError(
      'invalid_input',
      `${schedule.at.replace('T', ' ')} in ${schedule.timeZone} has already passed. Choose a later time, or send now.`,
      { fieldErrors: { 'schedule.at': 'This time has passed' } },
    );
  }
}
