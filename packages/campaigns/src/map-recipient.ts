import type { CampaignMapping, FynoChannel } from '@connect/core';
import type { CountryCode } from 'libphonenumber-js';
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
    }
  | { status: 'invalid'; payload: null; dedupeKey: null; reason: string };

export interface MapperOptions {
  /** Country assumed for phone numbers written without a country code. */
  defaultCountry?: CountryCode;
}

/**
 * Builds the function that turns each cohort row into a Fyno recipient. Channels
 * whose value is missing or invalid are left out; a row is invalid only when no
 * channel and no distinct_id remains, and the reason names the first problem.
 */
export function createRecipientMapper(mapping: CampaignMapping, options: MapperOptions = {}) {
  const channels = Object.entries(mapping.to) as [FynoChannel, string][];
  const placeholders = Object.keys(mapping.data);

  return (row: CohortRow): MappedRecipient => {
    const to: Partial<Record<FynoChannel, string>> = {};
    let firstProblem: string | undefined;
    for (const [channel, column] of channels) {
      const destination = normalizeDestination(channel, row[column], options);
      if (destination.ok) to[channel] = destination.value;
      else firstProblem ??= destination.reason;
    }

    const rawDistinctId = mapping.distinctIdColumn ? row[mapping.distinctIdColumn] : undefined;
    const distinctId =
      rawDistinctId === null || rawDistinctId === undefined || String(rawDistinctId).trim() === ''
        ? undefined
        : String(rawDistinctId).trim();

    const destinations = Object.entries(to).sort(([a], [b]) => a.localeCompare(b));
    if (destinations.length === 0 && distinctId === undefined) {
      return { status: 'invalid', payload: null, dedupeKey: null, reason: firstProblem ?? 'no destination' };
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
    };
  };
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
