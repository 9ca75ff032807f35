/** The channel keys Fyno accepts in an event's `to` (FYNO_API.md "Fire one event"). */
export const fynoChannels = [
  'sms',
  'whatsapp',
  'voice',
  'email',
  'push',
  'inapp',
  'slack',
  'discord',
  'teams',
] as const;
export type FynoChannel = (typeof fynoChannels)[number];

export const fynoChannelLabels: Record<FynoChannel, string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  voice: 'Voice',
  email: 'Email',
  push: 'Push',
  inapp: 'In-app',
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
};
