import type { CampaignMapping, FynoChannel } from '@connect/core';
import type { CountryCode } from 'libphonenumber-js';
import { type ChannelProblem, leaveOutReason, rejectedValues } from './leave-out-reason';
import { normalizeDestination } from './normalize-destination';

/** A cohort row as a connector streams it: column name to JSON-safe value. */
export type CohortRow = Record<string, unknown>;

/** What the snapshot records for one cohort row. */
export type MappedRecipient =
  | {
      status: 'pending';
      /** The Fyno batch item, in Fyno's field names. */
      payload: {
        to?: Partial<Record<FynoChannel, string>>;
        distinct_id?: string;
        data?: Record<string, unknown>;
      };
      /** Equal keys within one run are the same person: only the first is sent. */
      dedupeKey: string;
      reason: null;
      rejected: null;
      /** A phone channel's number was written without a country code and read in the default country. */
      viaDefaultCountry: boolean;
    }
  | {
      status: 'invalid';
      payload: null;
      dedupeKey: null;
      /** From `leaveOutReason`: every mapped channel's problem. */
      reason: string;
      /** The values refused, by channel (null when the mapped columns were empty). */
      rejected: Partial<Record<FynoChannel, string>> | null;
    };

export interface MapperOptions {
  /**
   * The workspace's country for phone numbers written without a country code
   * (Settings, else .env); the campaign's `mapping.phoneCountry` overrides it.
   */
  workspacePhoneCountry?: CountryCode | null;
}

/** The country a campaign reads national phone numbers in: its own choice, else the workspace's; null for none. */
export function effectivePhoneCountry(
  mapping: Pick<CampaignMapping, 'phoneCountry'>,
  workspacePhoneCountry: CountryCode | null | undefined,
): CountryCode | null {
  return mapping.phoneCountry ?? workspacePhoneCountry ?? null;
}

/**
 * Builds the function that turns each cohort row into a Fyno recipient. Channels
 * whose value is missing or invalid are left out; a row is invalid only when no
 * channel and no distinct_id remains, and its reason names every channel's problem.
 */
export function createRecipientMapper(mapping: CampaignMapping, options: MapperOptions = {}) {
  const channels = Object.entries(mapping.to) as [FynoChannel, string][];
  const placeholders = Object.keys(mapping.data);
  const defaultCountry = effectivePhoneCountry(mapping, options.workspacePhoneCountry) ?? undefined;

  return (row: CohortRow): MappedRecipient => {
    const to: Partial<Record<FynoChannel, string>> = {};
    const problems: ChannelProblem[] = [];
    let viaDefaultCountry = false;
    for (const [channel, column] of channels) {
      const raw = row[column];
      const destination = normalizeDestination(channel, raw, { defaultCountry });
      if (destination.ok) {
        to[channel] = destination.value;
        if (destination.viaDefaultCountry) viaDefaultCountry = true;
      } else problems.push({ channel, reason: destination.reason, rejected: rejectedText(raw) });
    }

    const rawDistinctId = mapping.distinctIdColumn ? row[mapping.distinctIdColumn] : undefined;
    const distinctId =
      rawDistinctId === null || rawDistinctId === undefined || String(rawDistinctId).trim() === ''
        ? undefined
        : String(rawDistinctId).trim();

    const destinations = Object.entries(to).sort(([a], [b]) => a.localeCompare(b));
    if (destinations.length === 0 && distinctId === undefined) {
      return {
        status: 'invalid',
        payload: null,
        dedupeKey: null,
        reason: leaveOutReason(problems, { distinctIdMapped: mapping.distinctIdColumn !== null }),
        rejected: rejectedValues(problems),
      };
    }

    const payload: Extract<MappedRecipient, { status: 'pending' }>['payload'] = {};
    if (destinations.length > 0) payload.to = to;
    if (distinctId !== undefined) payload.distinct_id = distinctId;
    if (placeholders.length > 0) payload.data = templateData(mapping, row);
    return {
      status: 'pending',
      payload,
      dedupeKey: JSON.stringify([destinations, distinctId ?? null]),
      reason: null,
      rejected: null,
      viaDefaultCountry,
    };
  };
}

/** A refused value as text, or null when the column was empty (nothing was refused). */
function rejectedText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = (typeof raw === 'string' ? raw : String(raw)).trim();
  return text === '' ? null : text.slice(0, 500);
}

/** The values for the event's template placeholders, from a row's columns or fixed text. */
export function templateData(
  mapping: Pick<CampaignMapping, 'data'>,
  row: CohortRow,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(mapping.data).map(([name, source]) => [
      name,
      source.kind === 'text' ? source.text : (row[source.column] ?? null),
    ]),
  );
}
