import { parseRunSettings, runProgress } from '@connect/campaigns';
import { can, isAppError } from '@connect/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { toJson } from '@/components/campaigns/views';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { RunDetail } from './run-detail';

export const metadata: Metadata = { title: 'Run' };

/** One run of a campaign: its live progress, counts and failures (the seed's "logs"). */
export default async function RunPage({
  params,
}: {
  params: Promise<{ campaignId: string; runId: string }>;
}) {
  const session = await requirePageSession();
  const { campaignId, runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  const { store } = services();
  const run = await store.campaignRuns.get(session.workspaceId, runId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  });
  if (!run || run.campaignId !== campaignId) notFound();
  const settings = parseRunSettings(run.settings);
  return (
    <RunDetail
      initial={toJson({ run, progress: runProgress(run) })}
      campaignName={settings.campaignName}
      eventName={settings.mapping.eventName}
      cohortName={settings.cohort.name}
      canEdit={can(session.user.role, 'edit')}
    />
  );
}
