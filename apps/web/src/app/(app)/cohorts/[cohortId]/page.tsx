import { isAppError } from '@connect/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { kindSummaries } from '@connect/cohorts';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { CohortBuilder } from '../cohort-builder';

export const metadata: Metadata = { title: 'Cohort' };

export default async function CohortPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const session = await requirePageSession();
  const { cohortId } = await params;
  const { store } = services();
  const cohort = await store.cohorts.get(session.workspaceId, cohortId).catch((error: unknown) => {
    if (isAppError(error) || /uuid/i.test(String(error))) return null;
    throw error;
  });
  if (!cohort) notFound();
  const [connection, campaigns] = await Promise.all([
    store.connections.get(session.workspaceId, cohort.connectionId),
    store.campaigns.listByCohort(session.workspaceId, cohort.id),
  ]);
  const kind = kindSummaries().find((candidate) => candidate.kind === connection.kind);
  if (!kind) notFound();
  return (
    <CohortBuilder
      key={cohort.updatedAt.toISOString()}
      cohort={{ id: cohort.id, name: cohort.name, source: cohort.source, definition: cohort.definition }}
      connection={{ id: connection.id, name: connection.name, kind: connection.kind }}
      kind={kind}
      campaigns={campaigns}
    />
  );
}
