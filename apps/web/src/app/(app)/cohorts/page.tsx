import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { toCohortRow } from './cohort-row';
import { CohortsView } from './cohorts-view';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage() {
  const session = await requirePageSession();
  const { store } = services();
  const [cohorts, campaigns, connections] = await Promise.all([
    store.cohorts.list(session.workspaceId),
    store.campaigns.list(session.workspaceId),
    store.connections.list(session.workspaceId),
  ]);
  const usage = new Map<string, number>();
  for (const campaign of campaigns) usage.set(campaign.cohortId, (usage.get(campaign.cohortId) ?? 0) + 1);
  return (
    <>
      <PageHeader
        title="Cohorts"
        description="A cohort is a segment of your users defined by filters or a query on one of your databases. It is evaluated afresh every time a campaign runs."
      />
      <CohortsView
        cohorts={cohorts.map((cohort) =>
          toCohortRow(
            cohort,
            { name: cohort.connectionName, kind: cohort.connectionKind },
            usage.get(cohort.id) ?? 0,
          ),
        )}
        databases={connections.map((connection) => ({
          id: connection.id,
          name: connection.name,
          kind: connection.kind,
        }))}
      />
    </>
  );
}
