export type { CampaignEngineDeps, EngineLogger } from './engine-deps';
export { defaultBatchSize } from './engine-deps';
export { cancelRun, pauseRun, resumeRun, retryRun } from './run-controls';
export { parseRunSettings } from './run-settings';
export type { RunSettings } from './run-settings';
export { abandonBatch, sendBatch } from './send-batch';
export type { BatchJob, BatchOutcome, SendBatchOptions } from './send-batch';
export { failSnapshot, snapshotRun } from './snapshot-run';
export type { SnapshotOutcome } from './snapshot-run';
export { startCampaignRun } from './start-run';
export { testTrigger } from './test-trigger';
export type { TestTriggerInput, TestTriggerResult } from './test-trigger';
export { validateCampaign } from './validate-campaign';
export { runProgress } from './run-progress';
export type { RunProgress } from './run-progress';
export {
  afterRunCompleted,
  ensureScheduleTicks,
  occurrenceKey,
  runScheduledOccurrence,
  syncCampaignSchedule,
} from './campaign-schedule';
export type { TickOutcome } from './campaign-schedule';
export {
  campaignOverview,
  duplicateCampaign,
  pauseCampaignSchedule,
  resumeCampaignSchedule,
} from './campaign-lifecycle';
export type { CampaignOverview } from './campaign-lifecycle';
export { listCampaignSummaries, scheduleInWords } from './campaign-summaries';
export type { CampaignSummary } from './campaign-summaries';
export { countDryRun, defaultDedupeKeyCap, dryRunCampaign } from './dry-run-campaign';
export type { DryRunResult } from './dry-run-campaign';
export { defaultSampleSize, sampleCohort, sampleDestinations } from './sample-cohort';
export type { CohortSample, DestinationExample, DestinationSample } from './sample-cohort';
export { saveCampaign } from './save-campaign';
export type { SaveCampaignInput, SaveCampaignResult } from './save-campaign';
export { keepRunMoving, moveRun, runMoves } from './runs/run-lifecycle';
export type { RunDeps, RunMove, RunProgressCheck } from './runs/run-lifecycle';
export { sweepRuns } from './runs/sweep-runs';
export { previewRunNow, runNow } from './run-now';
export type { RunNowConfirmation, RunNowPreview } from './run-now';
export { saveCatalogEvent } from './event-catalog/save-catalog-event';
export { removeCatalogEvent } from './event-catalog/remove-catalog-event';
