import { isAppError, isRunFinished } from '@connect/core';
import type { CachedConnection, Row } from '@connect/connectors';
import { createRecipientMapper } from '@connect/delivery';
import type { SnapshotChunkCounts, SnapshotRecipient } from '@connect/store';
import { type CampaignEngineDeps, defaultBatchSize } from '../engine-deps';
import { parseRunSettings, type RunSettings } from './run-settings';
import { enqueueBatches } from './run-jobs';
import { moveRun } from './run-lifecycle';

/**
 * What a snapshot job should do after this attempt: `busy` when another worker holds
 * the run's snapshot lease (a stalled-job check that fired while it was still alive).
 */
export type SnapshotOutcome = 'done' | 'skipped' | 'busy';

/**
 * The first step of a run: reads the cohort from the customer database once, in one
 * consistent stream, turns every row into a recipient (or an invalid row with its
 * reason) and writes them into the run's ledger; then queues the batches.
 *
 * Only one worker takes a run's snapshot at a time (a lease the worker's death
 * releases at once). A crash part-way through continues after the last chunk it
 * recorded when the source is read in key order, and takes the snapshot again
 * otherwise: nothing has been sent yet either way. Once the snapshot is recorded, a repeat only moves the run on
 * and re-queues the batches (whose ids make that a no-op), so a finished snapshot is
 * never taken twice.
 */
export async function snapshotRun(
  deps: CampaignEngineDeps,
  job: { runId: string; generation: number },
): Promise<SnapshotOutcome> {
  const lease = await deps.store.runLeases.hold(`snapshot:${job.runId}`, () => takeSnapshot(deps, job));
  return lease.held ? lease.value : 'busy';
}

async function takeSnapshot(
  deps: CampaignEngineDeps,
  job: { runId: string; generation: number },
): Promise<SnapshotOutcome> {
  const { runId, generation } = job;
  const { store } = deps;
  const batchSize = deps.batchSize ?? defaultBatchSize;
  const run = await store.campaignRuns.find(runId);
  if (!run || isRunFinished(run.status)) return 'skipped';
  if (run.snapshotAt) {
    await moveRun(deps, runId, 'recordSnapshot');
    await enqueueBatches(deps.jobs, {
      runId,
      generation,
      batchesTotal: run.batchesTotal,
      batchSize: run.batchSize,
    });
    return 'done';
  }
  // A paused run's snapshot waits for resume, which queues it again.
  if (!(await moveRun(deps, runId, 'startSnapshot'))) return 'skipped';

  const settings = parseRunSettings(run.settings);
  const stored = await store.connections.getWithSecrets(run.workspaceId, settings.cohort.connectionId);
  const connection = { id: stored.id, kind: stored.kind, config: stored.fullConfig };
  const source = settings.cohort.source ?? undefined;
  const phone = await store.phoneSettings.view(run.workspaceId, { defaultCountry: deps.defaultPhoneCountry });
  // The same mapper as the dry run, given the same country: both count the same reasons.
  const mapper = createRecipientMapper(settings.mapping, { workspacePhoneCountry: phone.defaultCountry });

  // A table read in primary-key order continues after the last row a dead worker
  // wrote; anything else (a raw query, a source without a key) starts again.
  const key = await resumeKey(deps, connection, settings);
  const cursor = key ? run.snapshotCursor : null;
  if (cursor) {
    await store.runRecipients.truncateAfter(runId, cursor.seq);
    deps.logger.info({ runId, fromSeq: cursor.seq + 1 }, 'snapshot continues');
  } else await store.runRecipients.clear(runId);

  let seq = cursor?.seq ?? 0;
  let rowsRead = seq;
  const stream = deps.connectors.stream(connection, (connector) =>
    connector.stream({
      source,
      definition: settings.cohort.definition,
      batchSize: 2_000,
      ...(cursor ? { after: cursor.after } : {}),
    }),
  );
  // Writing one batch overlaps reading and mapping the next: the customer database
  // and the app database work at the same time instead of taking turns.
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: unknown;
  const settle = async () => {
    await writing;
    if (writeFailure !== undefined) throw writeFailure;
  };
  for await (const rows of stream) {
    const counts: SnapshotChunkCounts = { rowsRead: rows.length, invalid: 0, invalidReasons: {} };
    const recorded: SnapshotRecipient[] = rows.map((row) => {
      seq += 1;
      const mapped = mapper(row);
      if (mapped.status === 'invalid') {
        counts.invalid += 1;
        counts.invalidReasons[mapped.reason] = (counts.invalidReasons[mapped.reason] ?? 0) + 1;
      }
      return {
        seq,
        status: mapped.status,
        payload: mapped.payload,
        dedupeKey: mapped.dedupeKey,
        reason: mapped.reason,
        rejected: mapped.rejected,
      };
    });
    rowsRead += rows.length;
    const position = key && rows.length > 0 ? { seq, after: keyOf(rows.at(-1)!, key) } : null;
    await settle();
    // Caught here and rethrown by settle(), so a failed write never goes unhandled.
    writing = store.runRecipients
      .append(runId, run.workspaceId, recorded)
      .then(() =>
        store.campaignRuns.recordSnapshotChunk(
          runId,
          position?.after ? { seq: position.seq, after: position.after } : null,
          counts,
        ),
      )
      .catch((error: unknown) => {
        writeFailure = error;
      });
    // A run cancelled while its snapshot is being taken stops reading at once.
    if ((await store.campaignRuns.find(runId))?.status === 'cancelled') {
      await settle();
      return 'skipped';
    }
  }
  await settle();

  const summary = await store.runRecipients.finishSnapshot(runId, { rowsRead, batchSize });
  deps.logger.info({ runId, ...summary, rowsRead }, 'snapshot recorded');
  // Paused meanwhile: the run stays paused with its snapshot recorded; resume sends.
  await moveRun(deps, runId, 'recordSnapshot');
  if (summary.recipients === 0) {
    await moveRun(deps, runId, 'complete');
    return 'done';
  }
  await enqueueBatches(deps.jobs, { runId, generation, batchesTotal: summary.batchesTotal, batchSize });
  return 'done';
}

/**
 * Marks a run failed after its snapshot gave up for good, with a reason a person can
 * act on (the connector's message when the database refused or could not be reached).
 */
export async function failSnapshot(deps: CampaignEngineDeps, runId: string, error: unknown): Promise<void> {
  const reason = isAppError(error)
    ? `Reading the cohort failed: ${error.message}`
    : 'Reading the cohort failed because of an unexpected error; see the worker log. The run can be retried.';
  const run = await deps.store.campaignRuns.find(runId);
  // Only a run whose snapshot was not recorded fails for its snapshot.
  if (run && !run.snapshotAt) await moveRun(deps, runId, 'fail', { failureReason: reason });
}

/**
 * The primary key a snapshot can continue after: a filter on a table with one, on a
 * kind whose streams can continue. Null otherwise.
 */
async function resumeKey(
  deps: CampaignEngineDeps,
  connection: CachedConnection,
  settings: RunSettings,
): Promise<string[] | null> {
  const source = settings.cohort.source;
  if (settings.cohort.definition.type !== 'filter' || !source) return null;
  return deps.connectors.use(connection, async (connector) => {
    if (!connector.capabilities.resumableStreams) return null;
    const { primaryKey } = await connector.describe(source);
    return primaryKey.length > 0 ? primaryKey : null;
  });
}

/** A row's primary key, when every part is a plain string or number (it is bound again as a value). */
function keyOf(row: Row, key: string[]): Record<string, string | number> | undefined {
  const values: Record<string, string | number> = {};
  for (const name of key) {
    const value = row[name];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    values[name] = value;
  }
  return values;
}
