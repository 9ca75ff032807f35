import { previewRunNow } from '@connect/campaigns';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/**
 * What "Run now" would do: how many people the cohort holds now (the database's
 * estimate) and when this campaign last sent, to how many. For the confirmation.
 */
export const GET = sessionRoute('edit', {}, async ({ session, params, services }) =>
  previewRunNow(services, session.workspaceId, idParam(params.campaignId, 'campaign')),
);
