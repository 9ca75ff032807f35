import { createTestDatabase, type TestDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store';

let database: TestDatabase;
let store: Store;
let workspaceId: string;
let campaignId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  store = createStore({ databaseUrl: database.url, encryptionKey: '73'.repeat(32) });
  workspaceId = (await store.workspaces.getDefault()).id;
  const user = await store.users.create({
    workspaceId,
    email: 'l@example.com',
    name: 'L',
    passwordHash: 'x',
    role: 'editor',
  });
  const connection = await store.connections.create({
    workspaceId,
    kind: 'postgres',
    name: 'Db',
    config: {},
    secrets: {},
    test: { ok: true },
    createdBy: user.id,
  });
  const cohort = await store.cohorts.create({
    workspaceId,
    connectionId: connection.id,
    name: 'All',
    source: { name: 'users' },
    definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
    createdBy: user.id,
  });
  const campaign = await store.campaigns.create(
    workspaceId,
    {
      name: 'Welcome',
      type: 'Onboarding',
      cohortId: cohort.id,
      mapping: {
        eventName: 'welcome',
        to: { email: 'email' },
        data: {},
        distinctIdColumn: null,
        phoneCountry: null,
      },
      rateLimitPerSecond: null,
      errorPolicy: { mode: 'continue' },
      schedule: null,
    },
    user.id,
  );
  campaignId = campaign.id;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const recipient = (seq: number, email: string) => ({
  seq,
  status: 'pending' as const,
  payload: { to: { email } },
  dedupeKey: email,
  reason: null,
});

describe('run ledger', () => {
  it('starts one run per occurrence however often it is asked', async () => {
    const input = {
      workspaceId,
      campaignId,
      occurrence: 'slot-1',
      trigger: 'schedule' as const,
      settings: {},
      requestedBy: null,
    };
    const [a, b] = await Promise.all([
      store.campaignRuns.createForOccurrence(input),
      store.campaignRuns.createForOccurrence(input),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.run.id).toBe(b.run.id);
  });

  it('records a snapshot, marks duplicates in the database, and counts exactly once', async () => {
    const { run } = await store.campaignRuns.createForOccurrence({
      workspaceId,
      campaignId,
      occurrence: 'manual:1',
      trigger: 'manual',
      settings: {},
      requestedBy: null,
    });
    expect(await store.campaignRuns.transition(run.id, ['queued'], 'snapshotting')).toBe(true);
    await store.runRecipients.append(run.id, workspaceId, [
      recipient(1, 'a@example.com'),
      recipient(2, 'b@example.com'),
      { seq: 3, status: 'invalid', payload: null, dedupeKey: null, reason: 'invalid email' },
      recipient(4, 'a@example.com'),
      recipient(5, 'c@example.com'),
    ]);
    const summary = await store.runRecipients.finishSnapshot(run.id, {
      rowsRead: 5,
      batchSize: 2,
    });
    expect(summary).toEqual({ recipients: 3, duplicates: 1, invalid: 1, maxSeq: 5, batchesTotal: 3 });
    // The counts are recorded; moving the run on is the run lifecycle's job, not the ledger's.
    expect(await store.campaignRuns.get(workspaceId, run.id)).toMatchObject({
      status: 'snapshotting',
      rowsRead: 5,
      batchesTotal: 3,
      invalidReasons: { 'invalid email': 1 },
    });
    expect(await store.campaignRuns.transition(run.id, ['snapshotting'], 'sending')).toBe(true);

    expect((await store.runRecipients.pendingInRange(run.id, 1, 4)).map((r) => r.seq)).toEqual([1, 2]);

    const first = await store.runRecipients.recordResults(run.id, [
      { seq: 1, status: 'sent', requestId: 'req-1' },
      { seq: 2, status: 'failed', reason: 'Fyno rejected it' },
    ]);
    expect(first).toEqual({ sent: 1, failed: 1 });
    // The same report again (a retried batch) changes nothing.
    const again = await store.runRecipients.recordResults(run.id, [
      { seq: 1, status: 'sent', requestId: 'req-1' },
    ]);
    expect(again).toEqual({ sent: 0, failed: 0 });
    expect(await store.runRecipients.hasPending(run.id)).toBe(true);
    await store.runRecipients.recordResults(run.id, [{ seq: 5, status: 'sent', requestId: 'req-5' }]);
    expect(await store.runRecipients.hasPending(run.id)).toBe(false);

    const after = await store.campaignRuns.get(workspaceId, run.id);
    expect(after).toMatchObject({
      sent: 2,
      failed: 1,
      recipients: 3,
      duplicates: 1,
      invalid: 1,
      invalidReasons: { 'invalid email': 1 },
    });

    const problems = await store.runRecipients.problems(run.id, { limit: 10 });
    expect(problems.map((p) => [p.seq, p.status, p.reason])).toEqual([
      [2, 'failed', 'Fyno rejected it'],
      [3, 'invalid', 'invalid email'],
      [4, 'duplicate', 'duplicate of row 1'],
    ]);

    expect(await store.campaignRuns.transition(run.id, ['sending'], 'completed')).toBe(true);
    expect(await store.campaignRuns.transition(run.id, ['sending'], 'completed')).toBe(false);
    expect(await store.runRecipients.purgePayloads(new Date(Date.now() + 1000))).toBe(1);
    const purged = await store.runRecipients.problems(run.id, { limit: 10 });
    expect(purged.every((p) => p.payload === null)).toBe(true);
    expect((await store.campaignRuns.get(workspaceId, run.id)).sent).toBe(2);
  });

  it('moves the counters with each snapshot chunk, in step with its cursor, and keeps refused values', async () => {
    const { run } = await store.campaignRuns.createForOccurrence({
      workspaceId,
      campaignId,
      occurrence: 'manual:chunks',
      trigger: 'manual',
      settings: {},
      requestedBy: null,
    });
    const noCountryCode = 'no email; sms number has no country code';
    await store.runRecipients.append(run.id, workspaceId, [
      recipient(1, 'a@example.com'),
      {
        seq: 2,
        status: 'invalid',
        payload: null,
        dedupeKey: null,
        reason: noCountryCode,
        rejected: { sms: '9876500001' },
      },
    ]);
    await store.campaignRuns.recordSnapshotChunk(
      run.id,
      { seq: 2, after: { id: 2 } },
      { rowsRead: 2, invalid: 1, invalidReasons: { [noCountryCode]: 1 } },
    );
    await store.runRecipients.append(run.id, workspaceId, [
      {
        seq: 3,
        status: 'invalid',
        payload: null,
        dedupeKey: null,
        reason: noCountryCode,
        rejected: { sms: '98765 00003' },
      },
      {
        seq: 4,
        status: 'invalid',
        payload: null,
        dedupeKey: null,
        reason: 'no email; no sms',
        rejected: null,
      },
    ]);
    await store.campaignRuns.recordSnapshotChunk(
      run.id,
      { seq: 4, after: { id: 4 } },
      { rowsRead: 2, invalid: 2, invalidReasons: { [noCountryCode]: 1, 'no email; no sms': 1 } },
    );
    // Before the snapshot is recorded, the run already shows what was read.
    expect(await store.campaignRuns.get(workspaceId, run.id)).toMatchObject({
      rowsRead: 4,
      invalid: 3,
      invalidReasons: { [noCountryCode]: 2, 'no email; no sms': 1 },
      snapshotCursor: { seq: 4, after: { id: 4 } },
    });
    const problems = await store.runRecipients.problems(run.id, { limit: 10 });
    expect(problems.map((p) => [p.seq, p.rejected])).toEqual([
      [2, { sms: '9876500001' }],
      [3, { sms: '98765 00003' }],
      [4, null],
    ]);

    // A snapshot taken again from scratch starts its counters from zero too.
    await store.runRecipients.clear(run.id);
    expect(await store.campaignRuns.get(workspaceId, run.id)).toMatchObject({
      rowsRead: 0,
      invalid: 0,
      invalidReasons: {},
      snapshotCursor: null,
    });
  });
});
