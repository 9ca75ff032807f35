import { type FynoError, type FynoRecipient, isFynoError } from '@connect/fyno';
import { isRunFinished } from '@connect/core';
import type { CampaignRun, RecipientResult } from '@connect/store';
import { type CampaignEngineDeps, defaultBatchSize } from '../engine-deps';
import { moveRun } from './run-lifecycle';
import { parseRunSettings, type RunSettings } from './run-settings';

export interface BatchJob {
  runId: string;
  batchNo: number;
  fromSeq: number;
  toSeq: number;
}

/**
 * - `done`: the batch needs nothing more (sent, or the run ended).
 * - `paused`: the run is paused; try again later.
 * - `stopped`: Fyno refused for good (bad key, unknown event); the run is failed.
 */
export type BatchOutcome = { kind: 'done' } | { kind: 'paused' } | { kind: 'stopped'; reason: string };

export interface SendBatchOptions {
  /** True on the job's last attempt: recipients still failing are then marked failed. */
  lastAttempt: boolean;
  signal?: AbortSignal;
}

/**
 * Sends one batch of a run: its still-pending recipients, through the shared rate
 * limit, to Fyno's bulk endpoint with an idempotency key that is the same on every
 * retry of the same recipients, then records each result.
 *
 * Exactly once: rows already marked sent are never loaded again; a crash between
 * Fyno accepting and the marks being written is covered by the idempotency key
 * (Fyno answers the repeat with its first reply and sends nothing).
 */
export async function sendBatch(
  deps: CampaignEngineDeps,
  job: BatchJob,
  options: SendBatchOptions,
): Promise<BatchOutcome> {
  const { store } = deps;
  let run = await store.campaignRuns.find(job.runId);
  const early = runGate(run);
  if (early) return early;
  const settings = parseRunSettings(run!.settings);
  const workspaceId = run!.workspaceId;

  const pending = await store.runRecipients.pendingInRange(job.runId, job.fromSeq, job.toSeq);
  if (pending.length === 0) return finish(deps, job.runId);

  let client;
  try {
    client = await deps.fyno.forWorkspace(workspaceId);
  } catch (error) {
    return stopRun(deps, job.runId, error instanceof Error ? error.message : String(error));
  }

  const chunkSize = deps.limiter.chunkSize(settings.rateLimitPerSecond, deps.batchSize ?? defaultBatchSize);
  for (let start = 0; start < pending.length; start += chunkSize) {
    if (start > 0) {
      // Pause and cancel take effect between chunks too, not only between batches.
      run = await store.campaignRuns.find(job.runId);
      const gate = runGate(run);
      if (gate) return gate;
    }
    const chunk = pending.slice(start, start + chunkSize);
    await deps.limiter.acquire(run!.campaignId, settings.rateLimitPerSecond, chunk.length, options.signal);

    let results: RecipientResult[];
    try {
      const reply = await client.fireBatch(
        settings.mapping.eventName,
        chunk.map((recipient) => recipient.payload as FynoRecipient),
        {
          idempotencyKey: `${job.runId}:${job.batchNo}`,
          signal: options.signal,
          onRetry: () => void store.campaignRuns.addRetries(job.runId, 1).catch(() => {}),
        },
      );
      results = chunk.map((recipient, index) => {
        const item = reply.items[index];
        return item
          ? { seq: recipient.seq, status: 'sent', requestId: item.requestId }
          : {
              seq: recipient.seq,
              status: 'failed',
              reason: 'Fyno accepted the request but did not confirm this recipient.',
            };
      });
    } catch (error) {
      if (isFynoError(error) && !error.retryable) return stopRun(deps, job.runId, plainReason(error));
      if (!options.lastAttempt) throw error;
      // Out of retries: record the failure against these recipients and move on.
      results = chunk.map((recipient) => ({
        seq: recipient.seq,
        status: 'failed',
        reason: failureReason(error),
      }));
    }

    await store.runRecipients.recordResults(job.runId, results);
    const stopped = await checkErrorPolicy(deps, job.runId, settings);
    if (stopped) return stopped;
  }
  return finish(deps, job.runId);
}

/**
 * Gives up on a batch whose job failed for good (out of retries, or its worker died
 * too often): its recipients still pending are marked failed with the reason, so
 * the run can finish instead of waiting forever.
 */
export async function abandonBatch(deps: CampaignEngineDeps, job: BatchJob, reason: string): Promise<void> {
  const pending = await deps.store.runRecipients.pendingInRange(job.runId, job.fromSeq, job.toSeq);
  await deps.store.runRecipients.recordResults(
    job.runId,
    pending.map((recipient) => ({
      seq: recipient.seq,
      status: 'failed',
      reason: `Sending failed repeatedly: ${reason}`,
    })),
  );
  await finish(deps, job.runId);
}

function runGate(run: CampaignRun | undefined): BatchOutcome | undefined {
  if (!run || isRunFinished(run.status)) return { kind: 'done' };
  if (run.status === 'paused') return { kind: 'paused' };
  return undefined;
}

/**
 * Completes the run when nothing is left to send. A run paused just now stays paused
 * (resume completes it: see the lifecycle's resumeSending).
 */
async function finish(deps: CampaignEngineDeps, runId: string): Promise<BatchOutcome> {
  if (!(await deps.store.runRecipients.hasPending(runId))) await moveRun(deps, runId, 'complete');
  return { kind: 'done' };
}

async function stopRun(deps: CampaignEngineDeps, runId: string, reason: string): Promise<BatchOutcome> {
  const run = await deps.store.campaignRuns.find(runId);
  // A batch stops only a run that is sending (or paused while sending), never one still snapshotting.
  if (run?.snapshotAt) await moveRun(deps, runId, 'fail', { failureReason: reason });
  return { kind: 'stopped', reason };
}

async function checkErrorPolicy(deps: CampaignEngineDeps, runId: string, settings: RunSettings) {
  const policy = settings.errorPolicy;
  if (policy.mode !== 'stop') return undefined;
  const run = await deps.store.campaignRuns.find(runId);
  if (!run) return undefined;
  const attempted = run.sent + run.failed;
  if (attempted < policy.minimumAttempts || run.failed * 100 < policy.failureRatePercent * attempted)
    return undefined;
  const rate = Math.round((run.failed * 100) / attempted);
  return stopRun(
    deps,
    runId,
    `Stopped: ${rate}% of ${attempted} sends failed, more than the campaign allows (${policy.failureRatePercent}%).`,
  );
}

function plainReason(error: FynoError): string {
  return `Fyno refused the send: ${error.message}`;
}

function failureReason(error: unknown): string {
  return isFynoError(error) ? error.message : 'The send failed because of an unexpected error.';
}
