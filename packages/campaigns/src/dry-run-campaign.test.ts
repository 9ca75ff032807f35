import type { CampaignMapping } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { countDryRun } from './dry-run-campaign';
import type { CohortRow } from './map-recipient';

const mapping: CampaignMapping = {
  eventName: 'welcome',
  to: { email: 'email' },
  data: { first_name: { kind: 'column', column: 'name' } },
  distinctIdColumn: null,
};

async function* batches(...groups: CohortRow[][]): AsyncGenerator<CohortRow[]> {
  for (const group of groups) yield group;
}

describe('countDryRun', () => {
  it('counts sends, invalid rows with their reasons and duplicates as a run would', async () => {
    const result = await countDryRun(
      batches(
        [
          { email: 'ana@example.com', name: 'Ana' },
          { email: 'not an email', name: 'Bad' },
          { email: null, name: 'Nobody' },
        ],
        [
          // The same address with an upper-case domain is the same recipient.
          { email: 'ana@EXAMPLE.com', name: 'Ana again' },
          { email: 'ben@example.com', name: 'Ben' },
        ],
      ),
      mapping,
    );
    expect(result).toEqual({
      rows: 5,
      wouldSend: 2,
      invalid: 2,
      invalidReasons: { 'invalid email': 1, 'no email': 1 },
      duplicates: 1,
      duplicatesExact: true,
      dedupeKeyCap: 250_000,
    });
  });

  it('keeps memory bounded: past the cap, repeats are counted as sends and the result says so', async () => {
    const rows = ['a', 'b', 'c', 'a', 'c'].map((name) => ({ email: `${name}@example.com`, name }));
    const result = await countDryRun(batches(rows), mapping, { dedupeKeyCap: 2 });
    // a and b are remembered; c is not, so its repeat looks new.
    expect(result).toMatchObject({ rows: 5, wouldSend: 4, duplicates: 1, duplicatesExact: false });
  });

  it('reads an empty cohort as nothing to send', async () => {
    expect(await countDryRun(batches(), mapping)).toMatchObject({
      rows: 0,
      wouldSend: 0,
      invalid: 0,
      duplicates: 0,
      duplicatesExact: true,
    });
  });
});
