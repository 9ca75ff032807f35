import type { Metadata } from 'next';
import { kindSummaries } from '@connect/cohorts';
import { PageHeader } from '@/components/page-header';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { toConnectionRow } from './connection-row';
import { DatabasesView } from './databases-view';

export const metadata: Metadata = { title: 'Databases' };

export default async function DatabasesPage() {
  const session = await requirePageSession();
  const connections = await services().store.connections.list(session.workspaceId);
  return (
    <>
      <PageHeader
        title="Databases"
        description="The databases Connect reads your users from. Connect only ever reads; your data stays in your infrastructure."
      />
      <DatabasesView kinds={kindSummaries()} connections={connections.map(toConnectionRow)} />
    </>
  );
}
