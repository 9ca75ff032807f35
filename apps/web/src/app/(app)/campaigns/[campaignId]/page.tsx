import { campaignOverview, scheduleInWords } from '@connect/campaigns';
import { can } from '@connect/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { toJson } from '@/components/campaigns/views';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { CampaignDetail } from './campaign-detail';
import { findCampaign } from './find-campaign';

export const metadata: Metadata = { title: 'Campaign' };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const session = await requirePageSession();
  const { campaignId } = await params;
  const { store } = services();
  if (!(await findCampaign(store, session.workspaceId, campaignId))) notFound();
  const overview = await campaignOverview(store, session.workspaceId, campaignId);
  const cohort = await store.cohorts.get(session.workspaceId, overview.campaign.cohortId);
  return (
    <CampaignDetail
      overview={toJson(overview)}
      cohortName={cohort.name}
      scheduleWords={scheduleInWords(overview.campaign.schedule, overview.scheduledRunsCompleted)}
      canEdit={can(session.user.role, 'edit')}
    />
  );
}
