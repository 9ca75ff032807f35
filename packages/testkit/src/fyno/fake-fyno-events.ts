/** The Fyno versions an event can exist in (FYNO_API.md "Configuration"). */
export type FakeFynoVersion = 'live' | 'test';

/** A notification event the fake knows: what a real Fyno workspace has configured. */
export interface FakeFynoEvent {
  name: string;
  /** Channels the event's routes dispatch to, such as `email` or `sms`. */
  channels: string[];
  /** Template placeholder names (recorded for the sandbox; Fyno does not reject missing ones). */
  placeholders?: string[];
  description?: string;
  /** Versions the event exists in. Default both; `['test']` is an event not yet Go Live. */
  versions?: FakeFynoVersion[];
}

/** A few events like a real workspace's, for the sandbox and quick tests. */
export const sampleFakeFynoEvents: FakeFynoEvent[] = [
  {
    name: 'welcome',
    description: 'Welcome message after sign-up',
    channels: ['email', 'sms'],
    placeholders: ['first_name', 'plan'],
  },
  {
    name: 'otp',
    description: 'One-time password',
    channels: ['sms', 'whatsapp'],
    placeholders: ['otp', 'expires_in_minutes'],
  },
  {
    name: 'promo_offer',
    description: 'Promotional offer',
    channels: ['email', 'push', 'inapp'],
    placeholders: ['first_name', 'offer_code', 'discount'],
  },
  {
    name: 'order_shipped',
    description: 'Order shipped notice',
    channels: ['email', 'sms', 'whatsapp'],
    placeholders: ['order_id', 'tracking_url'],
  },
  {
    name: 'beta_feature',
    description: 'Only published to the test version',
    channels: ['email'],
    placeholders: ['feature'],
    versions: ['test'],
  },
];

/** Checks event definitions sent to the fake's seed route; returns them cleaned up. */
export function parseFakeEvents(input: unknown): FakeFynoEvent[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((value, i) => {
    const item = value as Partial<FakeFynoEvent> | null;
    if (!item || typeof item.name !== 'string' || item.name === '') {
      throw new Error(`events[${i}].name must be a non-empty string`);
    }
    if (!Array.isArray(item.channels) || !item.channels.every((c) => typeof c === 'string')) {
      throw new Error(`events[${i}].channels must be an array of channel names`);
    }
    const versions = item.versions ?? ['live', 'test'];
    if (!versions.every((v) => v === 'live' || v === 'test')) {
      throw new Error(`events[${i}].versions may hold only "live" and "test"`);
    }
    return {
      name: item.name,
      channels: [...item.channels],
      placeholders: Array.isArray(item.placeholders) ? item.placeholders.map(String) : [],
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
      versions: [...versions],
    };
  });
}
