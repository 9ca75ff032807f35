import type { Definition } from '@connect/core';
import type { Cohort } from '@connect/store';

/** A cohort as pages hand it to the browser (dates as ISO strings). */
export interface CohortRow {
  id: string;
  name: string;
  connectionId: string;
  connectionName: string;
  connectionKind: string;
  source: { schema?: string; name: string } | null;
  definition: Definition;
  lastCount: number | null;
  lastCountKind: 'exact' | 'estimate' | null;
  updatedAt: string;
  campaignCount: number;
}

export function toCohortRow(
  cohort: Cohort,
  connection: { name: string; kind: string },
  campaignCount: number,
): CohortRow {
  return {
    id: cohort.id,
    name: cohort.name,
    connectionId: cohort.connectionId,
    connectionName: connection.name,
    connectionKind: connection.kind,
    source: cohort.source,
    definition: cohort.definition,
    lastCount: cohort.lastCount,
    lastCountKind: cohort.lastCountKind,
    updatedAt: new Date(cohort.updatedAt).toISOString(),
    campaignCount,
  };
}
