import { parseSourceId } from '@connect/connectors';
import { isAppError } from '@connect/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { kindSummaries } from '@connect/cohorts';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { CohortBuilder } from '../cohort-builder';

export const metadata: Metadata = { title: 'New cohort' };

/** The builder for a cohort not saved yet: `?connectionId=…&name=…[&source=schema.table]`. */
export default async function NewCohortPage({
  searchParams,
}: {
  searchParams: Promise<{ connectionId?: string; name?: string; source?: string }>;
}) {
  const session = await requirePageSession();
  const { connectionId, name, source } = await searchParams;
  if (!connectionId) notFound();
  const connection = await services()
    .store.connections.get(session.workspaceId, connectionId)
    .catch((error: unknown) => {
      if (isAppError(error) || /uuid/i.test(String(error))) return null;
      throw error;
    });
  const kind = connection && kindSummaries().find((candidate) => candidate.kind === connection.kind);
  if (!connection || !kind) notFound();
  let ref: { schema?: string; name: string } | null = null;
  try {
    ref = source ? parseSourceId(source) : null;
  } catch {
    ref = null;
  }
  return (
    <CohortBuilder
      cohort={{ id: null, name: (name ?? '').slice(0, 120), source: ref, definition: null }}
      connection={{ id: connection.id, name: connection.name, kind: connection.kind }}
      kind={kind}
    />
  );
}
