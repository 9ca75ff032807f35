import { AppError, type CampaignSettings, fynoChannelLabels } from '@connect/core';
import type { Store } from '@connect/store';

/**
 * Checks a campaign against the rest of the workspace before it is saved: the cohort
 * exists, the event is in the catalog, and every mapped channel is one the event
 * sends on. Problems come back keyed by form field.
 */
export async function validateCampaign(
  store: Store,
  workspaceId: string,
  input: CampaignSettings,
): Promise<void> {
  await store.cohorts.get(workspaceId, input.cohortId);
  const event = await store.eventCatalog.findByName(workspaceId, input.mapping.eventName);
  if (!event) {
    throw new AppError(
      'invalid_input',
      `The event "${input.mapping.eventName}" is not in the event catalog. Add it under Settings → Events first.`,
      { fieldErrors: { 'mapping.eventName': 'Not in the event catalog' } },
    );
  }
  const offChannels = Object.keys(input.mapping.to).filter(
    (channel) => !event.channels.includes(channel as never),
  );
  if (offChannels.length > 0) {
    const names = offChannels.map(
      (channel) => fynoChannelLabels[channel as keyof typeof fynoChannelLabels] ?? channel,
    );
    throw new AppError(
      'invalid_input',
      `The event "${event.name}" does not send on ${names.join(', ')}. Map only its channels: ${event.channels.join(', ')}.`,
      {
        fieldErrors: Object.fromEntries(
          offChannels.map((channel) => [`mapping.to.${channel}`, 'Not a channel of this event']),
        ),
      },
    );
  }
}
