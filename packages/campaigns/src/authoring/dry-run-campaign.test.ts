import type { CampaignMapping } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { countDryRun } from './dry-run-campaign';
import type { CohortRow } from '@connect/delivery';

const mapping: CampaignMapping = {
  eventName: 'welcome',
  to: { email: 'email' },
  data: { first_name: { kind: 'column', column: 'name' } },
  distinctIdColumn: null,
  phoneCountry: null,
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
      phoneCountry: null,
      madeValidByPhoneCountry: 0,
      duplicates: 1,
      duplicatesExact: true,
      dedupeKeyCap: 250_000,
    });
  });

  it('reads national phone numbers in the workspace country, and says how many it made valid', async () => {
    const phones: CampaignMapping = { ...mapping, to: { email: 'email', sms: 'phone' }, data: {} };
    const rows = [
      { email: null, phone: '9876500001' },
      { email: null, phone: '+91 98765 00002' },
      { email: 'ana@example.com', phone: '98765 00003' },
      { email: null, phone: '12' },
    ];
    expect(await countDryRun(batches(rows), phones, { workspacePhoneCountry: 'IN' })).toMatchObject({
      wouldSend: 4 - 1,
      invalid: 1,
      invalidReasons: { 'no email; invalid sms number': 1 },
      phoneCountry: 'IN',
      madeValidByPhoneCountry: 2,
    });
    // Without a country the same rows are left out, and the reason says why.
    expect(await countDryRun(batches(rows), phones)).toMatchObject({
      wouldSend: 2,
      invalid: 2,
      invalidReasons: { 'no email; sms number has no country code': 1, 'no email; invalid sms number': 1 },
      phoneCountry: null,
      madeValidByPhoneCountry: 0,
    });
    // The campaign's own country wins over the workspace's.
    expect(
      await countDryRun(batches(rows), { ...phones, phoneCountry: 'US' }, { workspacePhoneCountry: 'IN' }),
    ).toMatchObject({ phoneCountry: 'US', madeValidByPhoneCountry: 0 });
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
