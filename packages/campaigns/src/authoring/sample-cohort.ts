import type { FynoChannel, PhoneCountry } from '@connect/core';
import type { ConnectorCache } from '@connect/connectors';
import type { Store } from '@connect/store';
import { type CohortRow, effectivePhoneCountry, normalizeDestination } from '@connect/delivery';

/** One sampled value of a destination column and what a run would make of it. */
export type DestinationExample =
  { raw: string | null; ok: true; value: string } | { raw: string | null; ok: false; reason: string };

export interface DestinationSample {
  column: string;
  /** Sampled rows whose value is a valid destination for the channel. */
  valid: number;
  /** Of the valid ones, numbers written without a country code that the default country made valid. */
  madeValidByPhoneCountry: number;
  /** The first few values, as read and as they would be sent. */
  examples: DestinationExample[];
}

export interface CohortSample {
  /** The cohort's columns, in the order the database returns them. */
  columns: string[];
  /** How many rows were read (the first rows of the cohort in its stream order). */
  sampled: number;
  /** Whether the cohort has more rows than were sampled. */
  more: boolean;
  /** The first row: the test event takes its data from it. */
  firstRow: CohortRow | null;
  destinations: Partial<Record<FynoChannel, DestinationSample>>;
  /** The country national phone numbers are read in (the campaign's, else the workspace's); null for none. */
  phoneCountry: PhoneCountry | null;
}

export const defaultSampleSize = 100;
const examplesShown = 3;

/**
 * The wizard's "To" step: the cohort's columns and, for each channel mapped to a
 * column, the first values and how many of the first rows hold a valid destination,
 * judged by the same `normalizeDestination` a run uses. Reads one page of the
 * cohort through the connector's preview; nothing is written.
 */
export async function sampleCohort(
  deps: {
    store: Store;
    connectors: ConnectorCache;
    /** `DEFAULT_PHONE_COUNTRY` from .env, for a workspace whose Settings leave it empty. */
    defaultPhoneCountry?: PhoneCountry | undefined;
  },
  input: {
    workspaceId: string;
    cohortId: string;
    to: Partial<Record<FynoChannel, string>>;
    /** The campaign's own country for national phone numbers; null or omitted for the workspace's. */
    phoneCountry?: PhoneCountry | null;
    sampleSize?: number;
    signal?: AbortSignal;
  },
): Promise<CohortSample> {
  const cohort = await deps.store.cohorts.get(input.workspaceId, input.cohortId);
  const connection = await deps.store.connections.getWithSecrets(input.workspaceId, cohort.connectionId);
  const page = await deps.connectors.use(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) =>
      connector.preview({
        source: cohort.source ?? undefined,
        definition: cohort.definition,
        page: 1,
        pageSize: input.sampleSize ?? defaultSampleSize,
        ...(input.signal ? { signal: input.signal } : {}),
      }),
  );
  const workspace = await deps.store.phoneSettings.view(input.workspaceId, {
    defaultCountry: deps.defaultPhoneCountry,
  });
  const phoneCountry = effectivePhoneCountry(
    { phoneCountry: input.phoneCountry ?? null },
    workspace.defaultCountry,
  );
  const destinations: CohortSample['destinations'] = {};
  for (const [channel, column] of Object.entries(input.to) as [FynoChannel, string][]) {
    destinations[channel] = sampleDestinations(channel, column, page.rows, {
      phoneCountry,
    });
  }
  return {
    columns: page.columns.map((column) => column.name),
    sampled: page.rows.length,
    more: page.hasMore,
    firstRow: page.rows[0] ?? null,
    destinations,
    phoneCountry,
  };
}

/** How many rows hold a valid destination for a channel in a column, with the first few values. */
export function sampleDestinations(
  channel: FynoChannel,
  column: string,
  rows: readonly CohortRow[],
  options: { phoneCountry?: PhoneCountry | null } = {},
): DestinationSample {
  const defaultCountry = options.phoneCountry ?? undefined;
  let valid = 0;
  let madeValidByPhoneCountry = 0;
  const examples: DestinationExample[] = [];
  for (const row of rows) {
    const raw = row[column];
    const normalized = normalizeDestination(channel, raw, { defaultCountry });
    if (normalized.ok) valid += 1;
    if (normalized.ok && normalized.viaDefaultCountry) madeValidByPhoneCountry += 1;
    if (examples.length < examplesShown) {
      const text = raw === null || raw === undefined ? null : String(raw);
      examples.push(
        normalized.ok
          ? { raw: text, ok: true, value: normalized.value }
          : { raw: text, ok: false, reason: normalized.reason },
      );
    }
  }
  return { column, valid, madeValidByPhoneCountry, examples };
}
