import { listCampaignSummaries } from '@connect/campaigns';
import { can } from '@connect/core';
import type { Metadata } from 'next';
import { toJson } from '@/components/campaigns/views';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { CampaignList } from './campaign-list';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const session = await requirePageSession();
  const campaigns = await listCampaignSummaries(services().store, session.workspaceId);
  return <CampaignList campaigns={toJson(campaigns)} canEdit={can(session.user.role, 'edit')} />;
}
