import { runProgress, startCampaignRun } from '@connect/campaigns';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const runs = await services.store.campaignRuns.listByCampaign(
    session.workspaceId,
    idParam(params.campaignId, 'campaign'),
  );
  return { runs: runs.map((run) => ({ ...run, progress: runProgress(run) })) };
});

/** Run now: a new occurrence of the campaign, snapshotted and sent by the workers. */
export const POST = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const campaignId = idParam(params.campaignId, 'campaign');
  const { run } = await startCampaignRun(services, {
    workspaceId: session.workspaceId,
    campaignId,
    trigger: 'manual',
    requestedBy: session.user.id,
  });
  await services.store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'campaign.run_started',
    target: { type: 'run', id: run.id },
    details: { campaignId },
    ip: meta.ip,
  });
  return NextResponse.json({ run }, { status: 201 });
});
