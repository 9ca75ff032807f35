import { isAppError } from '@connect/core';
import type { SnapshotRecipient } from '@connect/store';
import { afterRunCompleted } from './campaign-schedule';
import { type CampaignEngineDeps, defaultBatchSize } from './engine-deps';
import { createRecipientMapper } from './map-recipient';
import { parseRunSettings } from './run-settings';

/** What a snapshot job should do after this attempt. */
export type SnapshotOutcome = 'done' | 'skipped';

/**
 * The first step of a run: reads the cohort from the customer database once, in one
 * consistent stream, turns every row into a recipient (or an invalid row with its
 * reason) and writes them into the run's ledger; then queues the batches.
 *
 * A crash part-way through just takes the snapshot again: nothing has been sent
 * yet. Once the snapshot is recorded, a repeat only re-queues the batches (whose
 * ids make that a no-op), so a finished snapshot is never taken twice.
 */
export async function snapshotRun(
  deps: CampaignEngineDeps,
  job: { runId: string; generation: number },
): Promise<SnapshotOutcome> {
  const { runId, generation } = job;
  const { store } = deps;
  const batchSize = deps.batchSize ?? defaultBatchSize;
  const run = await store.campaignRuns.find(runId);
  if (!run || ['completed', 'failed', 'cancelled'].includes(run.status)) return 'skipped';
  if (run.snapshotAt) {
    await enqueueBatches(deps, runId, generation, run.batchesTotal, batchSize);
    return 'done';
  }
  if (!(await store.campaignRuns.transition(runId, ['queued', 'snapshotting'], 'snapshotting')))
    return 'skipped';

  const settings = parseRunSettings(run.settings);
  const connection = await store.connections.getWithSecrets(run.workspaceId, settings.cohort.connectionId);
  const mapper = createRecipientMapper(settings.mapping);
  await store.runRecipients.clear(runId);

  let seq = 0;
  let rowsRead = 0;
  const invalidReasons: Record<string, number> = {};
  const stream = deps.connectors.stream(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) =>
      connector.stream({
        source: settings.cohort.source ?? undefined,
        definition: settings.cohort.definition,
        batchSize: 2_000,
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
    const recorded: SnapshotRecipient[] = rows.map((row) => {
      const mapped = mapper(row);
      seq += 1;
      if (mapped.status === 'invalid')
        invalidReasons[mapped.reason] = (invalidReasons[mapped.reason] ?? 0) + 1;
      return { seq, ...mapped };
    });
    rowsRead += rows.length;
    await settle();
    // Caught here and rethrown by settle(), so a failed write never goes unhandled.
    writing = store.runRecipients.append(runId, run.workspaceId, recorded).catch((error: unknown) => {
      writeFailure = error;
    });
    // A run cancelled while its snapshot is being taken stops reading at once.
    if ((await store.campaignRuns.find(runId))?.status === 'cancelled') {
      await settle();
      return 'skipped';
    }
  }
  await settle();

  const summary = await store.runRecipients.finishSnapshot(runId, { rowsRead, invalidReasons, batchSize });
  deps.logger.info({ runId, ...summary, rowsRead }, 'snapshot recorded');
  if (summary.recipients === 0) {
    if (await store.campaignRuns.transition(runId, ['sending', 'paused'], 'completed'))
      await afterRunCompleted(deps, runId);
    return 'done';
  }
  await enqueueBatches(deps, runId, generation, summary.batchesTotal, batchSize);
  return 'done';
}

/**
 * Queues every batch of a run. Job ids repeat for the same run and generation, so
 * queueing again after a crash adds nothing; a retried run is a new generation,
 * whose batches run again (and find only the recipients not yet sent).
 */
async function enqueueBatches(
  deps: CampaignEngineDeps,
  runId: string,
  generation: number,
  batchesTotal: number,
  batchSize: number,
) {
  const jobs = Array.from({ length: batchesTotal }, (_, index) => ({
    jobId: `${runId}-g${generation}-b${index + 1}`,
    payload: { runId, batchNo: index + 1, fromSeq: index * batchSize + 1, toSeq: (index + 1) * batchSize },
  }));
  // In slices, so a million-row run does not build one giant Redis call.
  for (let start = 0; start < jobs.length; start += 1_000) {
    await deps.jobs.enqueueMany('campaign-batch', jobs.slice(start, start + 1_000));
  }
}

/**
 * Marks a run failed after its snapshot gave up for good, with a reason a person can
 * act on (the connector's message when the database refused or could not be reached).
 */
export async function failSnapshot(deps: CampaignEngineDeps, runId: string, error: unknown): Promise<void> {
  const reason = isAppError(error)
    ? `Reading the cohort failed: ${error.message}`
    : 'Reading the cohort failed because of an unexpected error; see the worker log. The run can be retried.';
  await deps.store.campaignRuns.transition(runId, ['queued', 'snapshotting'], 'failed', {
    failureReason: reason,
  });
}
