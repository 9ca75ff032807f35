import { dryRunCampaign } from '@connect/campaigns';
import type { CampaignMapping } from '@connect/core';
import { ConnectorCache } from '@connect/connectors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

let fixture: CampaignFixture;
let worker: WorkerProcess | undefined;
const connectors = new ConnectorCache();

// Written the way the wizard sends it: email first. The campaign's jsonb column hands
// it back to the run with "sms" first, which once gave the dry run and the run
// different reasons for the same rows.
const mapping: Partial<CampaignMapping> = {
  to: { email: 'email', sms: 'phone' },
  data: { first_name: { kind: 'column', column: 'first_name' } },
};

const rows = 400;
/** Row i: every 4th has only a national number, then one with +91, one with an email, one with nothing. */
const nationalNumber = (i: number) => `98765${String(i).padStart(5, '0')}`;

beforeAll(async () => {
  fixture = await createCampaignFixture({ channels: ['email', 'sms'] });
  const client = new pg.Client({ connectionString: fixture.customerUrl });
  await client.connect();
  try {
    await client.query(
      'create table users (id integer primary key, email text, first_name text, phone text)',
    );
    await client.query(
      `insert into users (id, email, first_name, phone)
       select i,
              case when i % 4 = 2 then 'user' || i || '@example.com' end,
              'Name ' || i,
              case i % 4 when 0 then '98765' || lpad(i::text, 5, '0')
                         when 1 then '+91 98765 ' || lpad(i::text, 5, '0') end
       from generate_series(1, $1) as i`,
      [rows],
    );
  } finally {
    await client.end();
  }
  worker = await startWorkerProcess(fixture.workerEnv);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await connectors.close();
  await fixture.close();
});

async function dryRunAndRun(campaignId: string) {
  const campaign = await fixture.store.campaigns.get(fixture.workspaceId, campaignId);
  const dryRun = await dryRunCampaign(
    { store: fixture.store, connectors },
    {
      workspaceId: fixture.workspaceId,
      cohortId: campaign.cohortId,
      mapping: { ...campaign.mapping, to: mapping.to! },
    },
  );
  const started = await fixture.runNow(campaignId);
  const run = await fixture.waitForRun(started.id, ['completed', 'failed']);
  return { dryRun, run };
}

describe('phone numbers without a country code', () => {
  it('are left out with a reason naming every channel when no country is set, and the dry run says the same', async () => {
    const { dryRun, run } = await dryRunAndRun(await fixture.createCampaign({ mapping }));
    const quarter = rows / 4;
    expect(dryRun).toMatchObject({
      rows,
      invalid: 2 * quarter,
      phoneCountry: null,
      madeValidByPhoneCountry: 0,
      invalidReasons: {
        'no email; sms number has no country code': quarter,
        'no email; no sms': quarter,
      },
    });
    expect(run).toMatchObject({ status: 'completed', rowsRead: rows, invalid: 2 * quarter });
    expect(run.invalidReasons).toEqual(dryRun.invalidReasons);
    expect(run.sent).toBe(dryRun.wouldSend);
    expect(fixture.fyno.countDeliveries({ destination: '+919876500004' })).toBe(0);

    // The run page's table and CSV show the value each left-out row refused.
    const problems = await fixture.store.runRecipients.problems(run.id, { limit: 4 });
    expect(problems.map((p) => [p.seq, p.reason, p.rejected])).toEqual([
      [3, 'no email; no sms', null],
      [4, 'no email; sms number has no country code', { sms: nationalNumber(4) }],
      [7, 'no email; no sms', null],
      [8, 'no email; sms number has no country code', { sms: nationalNumber(8) }],
    ]);
  }, 120_000);

  it('are delivered in the workspace default country, and the dry run counts them', async () => {
    await fixture.store.phoneSettings.update(fixture.workspaceId, { defaultCountry: 'IN' }, fixture.userId);
    try {
      const { dryRun, run } = await dryRunAndRun(await fixture.createCampaign({ mapping }));
      const quarter = rows / 4;
      expect(dryRun).toMatchObject({
        invalid: quarter,
        phoneCountry: 'IN',
        madeValidByPhoneCountry: quarter,
        invalidReasons: { 'no email; no sms': quarter },
      });
      expect(run).toMatchObject({ status: 'completed', invalid: quarter, failed: 0 });
      expect(run.invalidReasons).toEqual(dryRun.invalidReasons);
      expect(run.sent).toBe(3 * quarter);
      expect(fixture.fyno.countDeliveries({ destination: '+919876500004' })).toBe(1);
      // Numbers written with +91 were already sent by the first campaign; once more here.
      expect(fixture.fyno.countDeliveries({ destination: '+919876500001' })).toBe(2);
    } finally {
      await fixture.store.phoneSettings.update(fixture.workspaceId, { defaultCountry: '' }, fixture.userId);
    }
  }, 120_000);

  it("are delivered in the campaign's own country when it sets one", async () => {
    const before = fixture.fyno.countDeliveries({ destination: '+919876500008' });
    const { dryRun, run } = await dryRunAndRun(
      await fixture.createCampaign({ mapping: { ...mapping, phoneCountry: 'IN' } }),
    );
    expect(dryRun).toMatchObject({ phoneCountry: 'IN', madeValidByPhoneCountry: rows / 4 });
    expect(run.invalidReasons).toEqual(dryRun.invalidReasons);
    expect(run.sent).toBe((3 * rows) / 4);
    expect(fixture.fyno.countDeliveries({ destination: '+919876500008' })).toBe(before + 1);
  }, 120_000);
});
