import { isAppError } from '@connect/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { kindSummaries } from '@connect/cohorts';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { toConnectionRow } from '../connection-row';
import { DataBrowser } from './data-browser';

export const metadata: Metadata = { title: 'Browse database' };

export default async function BrowseDatabasePage({ params }: { params: Promise<{ connectionId: string }> }) {
  const session = await requirePageSession();
  const { connectionId } = await params;
  const connection = await services()
    .store.connections.get(session.workspaceId, connectionId)
    .catch((error: unknown) => {
      // Not found, or not an id at all: the same 404.
      if (isAppError(error) || /uuid/i.test(String(error))) return null;
      throw error;
    });
  const kind = connection && kindSummaries().find((candidate) => candidate.kind === connection.kind);
  if (!connection || !kind) notFound();
  return <DataBrowser connection={toConnectionRow(connection)} kind={kind} />;
}
