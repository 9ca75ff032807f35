import type { CampaignMapping, PhoneCountry } from '@connect/core';
import type { ConnectorCache } from '@connect/connectors';
import type { Store } from '@connect/store';
import { type CohortRow, createRecipientMapper, effectivePhoneCountry } from '@connect/delivery';

/** What a run of this campaign would do with the cohort as it is now. */
export interface DryRunResult {
  /** Rows the cohort selects. */
  rows: number;
  /** Recipients that would be sent: rows with a destination, first of each duplicate. */
  wouldSend: number;
  /** Rows left out because no destination (and no distinct_id) remained. */
  invalid: number;
  /** Why rows were left out, e.g. { "no email; sms number has no country code": 12 }, as a run counts them. */
  invalidReasons: Record<string, number>;
  /** The country national phone numbers were read in (the campaign's, else the workspace's); null for none. */
  phoneCountry: PhoneCountry | null;
  /** Rows kept that had a phone number written without a country code, read in `phoneCountry`. */
  madeValidByPhoneCountry: number;
  /** Repeats of a recipient already counted. */
  duplicates: number;
  /**
   * False when the cohort had more distinct recipients than the dry run remembers:
   * repeats of recipients beyond that many were counted as sends, so `duplicates`
   * is a lower bound and `wouldSend` an upper bound.
   */
  duplicatesExact: boolean;
  /** How many distinct recipients the dry run remembers to find duplicates. */
  dedupeKeyCap: number;
}

/** Distinct recipients remembered for duplicate counting; about 100 bytes each. */
export const defaultDedupeKeyCap = 250_000;

/**
 * Counts what a run would send from a stream of cohort rows, with the same mapper
 * the snapshot uses, so the numbers match a real run on the same rows. Memory is
 * bounded by `dedupeKeyCap`, never by the cohort size.
 */
export async function countDryRun(
  batches: AsyncIterable<CohortRow[]>,
  mapping: CampaignMapping,
  options: { dedupeKeyCap?: number; workspacePhoneCountry?: PhoneCountry | null } = {},
): Promise<DryRunResult> {
  const cap = options.dedupeKeyCap ?? defaultDedupeKeyCap;
  const mapper = createRecipientMapper(mapping, { workspacePhoneCountry: options.workspacePhoneCountry });
  const seen = new Set<string>();
  const result: DryRunResult = {
    rows: 0,
    wouldSend: 0,
    invalid: 0,
    invalidReasons: {},
    phoneCountry: effectivePhoneCountry(mapping, options.workspacePhoneCountry),
    madeValidByPhoneCountry: 0,
    duplicates: 0,
    duplicatesExact: true,
    dedupeKeyCap: cap,
  };
  for await (const rows of batches) {
    for (const row of rows) {
      result.rows += 1;
      const mapped = mapper(row);
      if (mapped.status === 'invalid') {
        result.invalid += 1;
        result.invalidReasons[mapped.reason] = (result.invalidReasons[mapped.reason] ?? 0) + 1;
        continue;
      }
      if (mapped.viaDefaultCountry) result.madeValidByPhoneCountry += 1;
      if (seen.has(mapped.dedupeKey)) {
        result.duplicates += 1;
      } else {
        result.wouldSend += 1;
        if (seen.size < cap) seen.add(mapped.dedupeKey);
        else result.duplicatesExact = false;
      }
    }
  }
  return result;
}

/**
 * Step 3 of the campaign wizard: reads the whole cohort from the customer database
 * (streamed, read-only) and says how many rows would be sent, left out as invalid,
 * or dropped as duplicates. Nothing is written and nothing is sent. Aborting the
 * signal (the browser went away) stops the query on the database.
 */
export async function dryRunCampaign(
  deps: {
    store: Store;
    connectors: ConnectorCache;
    /** `DEFAULT_PHONE_COUNTRY` from .env, for a workspace whose Settings leave it empty. */
    defaultPhoneCountry?: PhoneCountry | undefined;
  },
  input: {
    workspaceId: string;
    cohortId: string;
    mapping: CampaignMapping;
    signal?: AbortSignal;
    dedupeKeyCap?: number;
  },
): Promise<DryRunResult> {
  const cohort = await deps.store.cohorts.get(input.workspaceId, input.cohortId);
  const connection = await deps.store.connections.getWithSecrets(input.workspaceId, cohort.connectionId);
  // Resolved as the run's snapshot resolves it, so both read numbers in the same country.
  const phone = await deps.store.phoneSettings.view(input.workspaceId, {
    defaultCountry: deps.defaultPhoneCountry,
  });
  const stream = deps.connectors.stream(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) =>
      connector.stream({
        source: cohort.source ?? undefined,
        definition: cohort.definition,
        batchSize: 2_000,
        ...(input.signal ? { signal: input.signal } : {}),
      }),
  );
  return countDryRun(stream, input.mapping, {
    dedupeKeyCap: input.dedupeKeyCap,
    workspacePhoneCountry: phone.defaultCountry,
  });
}
