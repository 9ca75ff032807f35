export type { CampaignEngineDeps, EngineLogger } from './engine-deps';
export { defaultBatchSize } from './engine-deps';
export { cancelRun, pauseRun, resumeRun, retryRun } from './runs/run-controls';
export { parseRunSettings } from './runs/run-settings';
export type { RunSettings } from './runs/run-settings';
export { abandonBatch, sendBatch } from './runs/send-batch';
export type { BatchJob, BatchOutcome, SendBatchOptions } from './runs/send-batch';
export { failSnapshot, snapshotRun } from './runs/snapshot-run';
export type { SnapshotOutcome } from './runs/snapshot-run';
export { startCampaignRun } from './runs/start-run';
export { testTrigger } from './authoring/test-trigger';
export type { TestTriggerInput, TestTriggerResult } from './authoring/test-trigger';
export { validateCampaign } from './authoring/validate-campaign';
export { runProgress } from './runs/run-progress';
export type { RunProgress } from './runs/run-progress';
export {
  afterRunCompleted,
  ensureScheduleTicks,
  occurrenceKey,
  runScheduledOccurrence,
  syncCampaignSchedule,
} from './schedules/campaign-schedule';
export type { TickOutcome } from './schedules/campaign-schedule';
export {
  campaignOverview,
  duplicateCampaign,
  pauseCampaignSchedule,
  resumeCampaignSchedule,
} from './authoring/campaign-lifecycle';
export type { CampaignOverview } from './authoring/campaign-lifecycle';
export { listCampaignSummaries, scheduleInWords } from './authoring/campaign-summaries';
export type { CampaignSummary } from './authoring/campaign-summaries';
export { countDryRun, defaultDedupeKeyCap, dryRunCampaign } from './authoring/dry-run-campaign';
export type { DryRunResult } from './authoring/dry-run-campaign';
export { defaultSampleSize, sampleCohort, sampleDestinations } from './authoring/sample-cohort';
export type { CohortSample, DestinationExample, DestinationSample } from './authoring/sample-cohort';
export { saveCampaign } from './authoring/save-campaign';
export type { SaveCampaignInput, SaveCampaignResult } from './authoring/save-campaign';
export { keepRunMoving, moveRun, runMoves } from './runs/run-lifecycle';
export type { RunDeps, RunMove, RunProgressCheck } from './runs/run-lifecycle';
export { sweepRuns } from './runs/sweep-runs';
export { previewRunNow, runNow } from './runs/run-now';
export type { RunNowConfirmation, RunNowPreview } from './runs/run-now';
export { saveCatalogEvent } from './event-catalog/save-catalog-event';
export { removeCatalogEvent } from './event-catalog/remove-catalog-event';
