import type { FynoChannel } from '@connect/core';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The push token prefixes Fyno understands when a workspace has several push providers. */
export const pushTokenPrefixes = [
  'fcm_token:',
  'expo_token:',
  'onesignal_player_id:',
  'onesignal_external_id:',
  'mi_token:',
] as const;

export type NormalizedDestination =
  | {
      ok: true;
      value: string;
      /** A phone number written without a country code, valid only in the default country. */
      viaDefaultCountry?: true;
    }
  | { ok: false; reason: string };

// A number written with its country code: "+91 98765 00001" or the international "0091 98765 00001".
const internationalPrefix = /^(\+|00)/;
// Digits and the usual separators only, long enough to be a number someone could dial.
const looksLikePhoneNumber = /^(?=(?:\D*\d){6})[\d\s().-]+$/;

// Deliberately permissive (what mail servers accept varies) but rejects what can
// never be delivered: spaces, a missing @, a domain without a dot.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Turns a cohort value into a destination Fyno accepts for a channel, or says why it
 * cannot: phone numbers become E.164, emails are trimmed with a lower-case domain,
 * push tokens keep a known provider prefix. A phone number without a country code
 * is read in `defaultCountry`, and refused (with that reason) when none is given.
 */
export function normalizeDestination(
  channel: FynoChannel,
  raw: unknown,
  options: { defaultCountry?: CountryCode } = {},
): NormalizedDestination {
  if (raw === null || raw === undefined) return { ok: false, reason: `no ${channel}` };
  const text = (typeof raw === 'string' ? raw : String(raw)).trim();
  if (text === '') return { ok: false, reason: `no ${channel}` };

  switch (channel) {
    case 'email': {
      if (text.length > 254 || !emailPattern.test(text)) return { ok: false, reason: 'invalid email' };
      const at = text.lastIndexOf('@');
      return { ok: true, value: `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}` };
    }
    case 'sms':
    case 'whatsapp':
    case 'voice': {
      const national = !internationalPrefix.test(text);
      // Without a country to assume, a national number cannot be dialled: say so
      // instead of calling it invalid, so the fix (a default country) is obvious.
      if (national && !options.defaultCountry) {
        const reason = looksLikePhoneNumber.test(text)
          ? `${channel} number has no country code`
          : `invalid ${channel} number`;
        return { ok: false, reason };
      }
      // libphonenumber reads "00" as the international prefix only given a country.
      const written = options.defaultCountry ? text : text.replace(/^00/, '+');
      const phone = parsePhoneNumberFromString(written, options.defaultCountry);
      if (!phone?.isValid()) return { ok: false, reason: `invalid ${channel} number` };
      return national
        ? { ok: true, value: phone.number, viaDefaultCountry: true }
        : { ok: true, value: phone.number };
    }
    case 'push': {
      if (/\s/.test(text)) return { ok: false, reason: 'invalid push token' };
      const prefix = /^([a-z_]+:)/.exec(text)?.[1];
      if (prefix && !(pushTokenPrefixes as readonly string[]).includes(prefix)) {
        return { ok: false, reason: 'unknown push token prefix' };
      }
      return { ok: true, value: text };
    }
    case 'inapp':
    case 'slack':
    case 'discord':
    case 'teams':
      return text.length > 1_000 ? { ok: false, reason: `invalid ${channel}` } : { ok: true, value: text };
  }
}
