import type { FynoChannel } from '@connect/core';
import type { WizardCohort, WizardEvent } from '@/components/campaigns/wizard-types';
import { services } from '@/server/services';

/** The cohorts and catalog events the wizard offers. */
export async function loadWizardOptions(
  workspaceId: string,
): Promise<{ cohorts: WizardCohort[]; events: WizardEvent[] }> {
  const { store } = services();
  const [cohorts, events] = await Promise.all([
    store.cohorts.list(workspaceId),
    store.eventCatalog.list(workspaceId),
  ]);
  return {
    cohorts: cohorts.map((cohort) => ({
      id: cohort.id,
      name: cohort.name,
      connectionName: cohort.connectionName,
      lastCount: cohort.lastCount,
      lastCountKind: cohort.lastCountKind,
    })),
    events: events.map((event) => ({
      name: event.name,
      description: event.description,
      channels: event.channels as FynoChannel[],
      placeholders: event.placeholders,
    })),
  };
}
