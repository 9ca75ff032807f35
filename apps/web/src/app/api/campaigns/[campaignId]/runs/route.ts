import { runNow, runProgress } from '@connect/campaigns';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const runs = await services.store.campaignRuns.listByCampaign(
    session.workspaceId,
    idParam(params.campaignId, 'campaign'),
  );
  return { runs: runs.map((run) => ({ ...run, progress: runProgress(run) })) };
});

const runNowSchema = z.object({
  /** The caller has seen the preview (GET runs/preview) and means to send. */
  confirm: z.boolean().optional(),
  /** Refuse if the cohort holds more than this now. */
  expectedMaxRecipients: z.number().int().min(0).optional(),
});

/**
 * Run now: a new occurrence of the campaign, snapshotted and sent by the workers.
 * A send to a whole cohort: refused unless `confirm` says the caller means it.
 */
export const POST = sessionRoute(
  'edit',
  { body: runNowSchema },
  async ({ actor, params, body, services }) => {
    const run = await runNow(services, actor, {
      campaignId: idParam(params.campaignId, 'campaign'),
      ...body,
    });
    return NextResponse.json({ run }, { status: 201 });
  },
);
