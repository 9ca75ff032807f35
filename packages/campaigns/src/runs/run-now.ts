import { type ConnectorCache, type CountResult, isConnectorError } from '@connect/connectors';
import { type Actor, AppError } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRun, Store } from '@connect/store';
import { startCampaignRun } from './start-run';

/** What "Run now" shows before it sends: how many people, and what this campaign already sent. */
export interface RunNowPreview {
  /** The cohort's size now (exact, or the database's estimate when counting takes long); null when it could not be counted. */
  cohortSize: CountResult | null;
  /** Why the cohort could not be counted, if it could not. */
  cohortError: string | null;
  /** The campaign's most recent run that sent anything. */
  lastSend: { runId: string; at: string; sent: number; status: CampaignRun['status'] } | null;
}

/** What a caller of "Run now" must say it means. */
export interface RunNowConfirmation {
  /** The caller has seen what will happen and means to send. */
  confirm?: boolean;
  /** Refuse when the cohort holds more people than this now (a script's guard against a cohort that grew). */
  expectedMaxRecipients?: number;
}

/** A count for a guard is exact unless that takes longer than this; then the estimate decides. */
const exactGuardMs = 15_000;
/**
 * The confirmation waits this long for an exact count before it shows the estimate:
 * a small or never-analysed table's estimate can be far off (PostgreSQL guesses 510
 * rows for a 40-row table it has not analysed), and counting those is quick.
 */
const exactPreviewMs = 2_000;

/**
 * Counts the cohort and finds the last send, for the confirmation: an exact count when
 * it comes quickly, else the database's estimate; with `exact` (a guard) it waits longer.
 */
export async function previewRunNow(
  deps: { store: Store; connectors: ConnectorCache },
  workspaceId: string,
  campaignId: string,
  options: { exact?: boolean } = {},
): Promise<RunNowPreview> {
  const campaign = await deps.store.campaigns.get(workspaceId, campaignId);
  const cohort = await deps.store.cohorts.get(workspaceId, campaign.cohortId);
  const runs = await deps.store.campaignRuns.listByCampaign(workspaceId, campaignId, 50);
  const last = runs.find((run) => run.sent > 0);
  let cohortSize: CountResult | null = null;
  let cohortError: string | null = null;
  try {
    const connection = await deps.store.connections.getWithSecrets(workspaceId, cohort.connectionId);
    cohortSize = await deps.connectors.use(
      { id: connection.id, kind: connection.kind, config: connection.fullConfig },
      async (connector) => {
        const request = { source: cohort.source ?? undefined, definition: cohort.definition };
        return connector
          .count({ ...request, exact: true, timeoutMs: options.exact ? exactGuardMs : exactPreviewMs })
          .catch((error: unknown) => {
            if (!isConnectorError(error) || error.reason !== 'timeout') throw error;
            return connector.count({ ...request, exact: false });
          });
      },
    );
  } catch (error) {
    cohortError = error instanceof Error ? error.message : String(error);
  }
  return {
    cohortSize,
    cohortError,
    lastSend: last
      ? {
          runId: last.id,
          at: (last.finishedAt ?? last.snapshotAt ?? last.createdAt).toISOString(),
          sent: last.sent,
          status: last.status,
        }
      : null,
  };
}

/**
 * "Run now", which sends to a whole cohort: only when the caller confirms it, and,
 * when it says how many it expects at most, only if the cohort holds no more than
 * that now. A script cannot re-send by mistake any more than a click can.
 */
export async function runNow(
  deps: { store: Store; jobs: JobProducer; connectors: ConnectorCache },
  actor: Actor,
  input: { campaignId: string } & RunNowConfirmation,
): Promise<CampaignRun> {
  if (input.confirm !== true)
    throw new AppError(
      'invalid_input',
      'Sending to a whole cohort needs a confirmation: look at how many people it holds and what this campaign already sent, then confirm.',
    );
  if (input.expectedMaxRecipients !== undefined) {
    const preview = await previewRunNow(deps, actor.workspaceId, input.campaignId, { exact: true });
    if (!preview.cohortSize)
      throw new AppError(
        'unavailable',
        `The cohort could not be counted, so its size cannot be checked against ${input.expectedMaxRecipients}: ${preview.cohortError}`,
      );
    if (preview.cohortSize.count > input.expectedMaxRecipients)
      throw new AppError(
        'conflict',
        `The cohort holds ${preview.cohortSize.exact ? '' : 'about '}${preview.cohortSize.count.toLocaleString('en')} people now, more than the ${input.expectedMaxRecipients.toLocaleString('en')} expected; nothing was sent.`,
      );
  }
  const { run } = await startCampaignRun(deps, {
    workspaceId: actor.workspaceId,
    campaignId: input.campaignId,
    trigger: 'manual',
    requestedBy: actor.user.id,
  });
  await deps.store.auditLog.recordBy(actor, {
    action: 'campaign.run_started',
    target: { type: 'run', id: run.id },
    details: { campaignId: input.campaignId },
  });
  return run;
}
