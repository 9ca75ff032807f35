import { can } from '@connect/core';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CampaignWizard } from '@/components/campaigns/campaign-wizard';
import { PageHeader } from '@/components/page-header';
import { requirePageSession } from '@/server/page-session';
import { loadWizardOptions } from '../load-wizard-options';

export const metadata: Metadata = { title: 'New campaign' };

/** "Create +", and where a cohort's "Save and Create Campaign" lands with `?cohortId=`. */
export default async function NewCampaignPage({
  searchParams,
}: {
  searchParams: Promise<{ cohortId?: string | string[] }>;
}) {
  const session = await requirePageSession();
  if (!can(session.user.role, 'edit')) redirect('/campaigns');
  const { cohorts, events, workspacePhoneCountry } = await loadWizardOptions(session.workspaceId);
  const { cohortId } = await searchParams;
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Send a Fyno notification event to every user of a cohort, once or on a schedule. Nothing is created until Fyno accepts a test event."
      />
      <CampaignWizard
        campaign={null}
        cohorts={cohorts}
        events={events}
        workspacePhoneCountry={workspacePhoneCountry}
        cohortId={typeof cohortId === 'string' ? cohortId : undefined}
      />
    </>
  );
}
