import { type FynoChannel, type PhoneCountry, phoneDefaultsFromEnv } from '@connect/core';
import type { WizardCohort, WizardEvent } from '@/components/campaigns/wizard-types';
import { services } from '@/server/services';

/** The cohorts and catalog events the wizard offers, and the workspace's phone country. */
export async function loadWizardOptions(workspaceId: string): Promise<{
  cohorts: WizardCohort[];
  events: WizardEvent[];
  workspacePhoneCountry: PhoneCountry | null;
}> {
  const { store, env } = services();
  const [cohorts, events, phone] = await Promise.all([
    store.cohorts.list(workspaceId),
    store.eventCatalog.list(workspaceId),
    store.phoneSettings.view(workspaceId, phoneDefaultsFromEnv(env)),
  ]);
  return {
    workspacePhoneCountry: phone.defaultCountry,
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
