import { can } from '@connect/core';
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CampaignWizard } from '@/components/campaigns/campaign-wizard';
import { toJson } from '@/components/campaigns/views';
import { PageHeader } from '@/components/page-header';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { loadWizardOptions } from '../../load-wizard-options';
import { findCampaign } from '../find-campaign';

export const metadata: Metadata = { title: 'Edit campaign' };

export default async function EditCampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const session = await requirePageSession();
  const { campaignId } = await params;
  if (!can(session.user.role, 'edit')) redirect(`/campaigns/${campaignId}`);
  const campaign = await findCampaign(services().store, session.workspaceId, campaignId);
  if (!campaign) notFound();
  const { cohorts, events, workspacePhoneCountry } = await loadWizardOptions(session.workspaceId);
  return (
    <>
      <PageHeader
        title={`Edit ${campaign.name}`}
        description="Changes apply from the next run; runs already under way keep the settings they started with. A changed schedule replaces the old one."
      />
      <CampaignWizard
        campaign={toJson(campaign)}
        cohorts={cohorts}
        events={events}
        workspacePhoneCountry={workspacePhoneCountry}
      />
    </>
  );
}
