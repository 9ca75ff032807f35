// Only what the apps and the benchmarks use; everything else stays inside the package.
export type { CampaignEngineDeps } from './engine-deps';

// Authoring: drafts, checks and the campaign's own lifecycle.
export {
  campaignOverview,
  duplicateCampaign,
  pauseCampaignSchedule,
  resumeCampaignSchedule,
} from './authoring/campaign-lifecycle';
export type { CampaignOverview } from './authoring/campaign-lifecycle';
export { listCampaignSummaries, scheduleInWords } from './authoring/campaign-summaries';
export type { CampaignSummary } from './authoring/campaign-summaries';
export { dryRunCampaign } from './authoring/dry-run-campaign';
export type { DryRunResult } from './authoring/dry-run-campaign';
export { sampleCohort } from './authoring/sample-cohort';
export type { CohortSample } from './authoring/sample-cohort';
export { saveCampaign } from './authoring/save-campaign';
export { deleteCampaign } from './authoring/delete-campaign';
export { testTrigger } from './authoring/test-trigger';
export type { TestTriggerResult } from './authoring/test-trigger';

// Runs: starting, snapshotting, sending, controlling and watching a run.
export { startCampaignRun } from './runs/start-run';
export { failSnapshot, snapshotRun } from './runs/snapshot-run';
export { abandonBatch, sendBatch } from './runs/send-batch';
export { cancelRun, pauseRun, resumeRun, retryRun } from './runs/run-controls';
export { previewRunNow, runNow } from './runs/run-now';
export type { RunNowPreview } from './runs/run-now';
export { runProgress } from './runs/run-progress';
export type { RunProgress } from './runs/run-progress';
export { parseRunSettings } from './runs/run-settings';
export { sweepRuns } from './runs/sweep-runs';

// Schedules: one delayed tick per scheduled campaign.
export {
  ensureScheduleTicks,
  occurrenceKey,
  runScheduledOccurrence,
  syncCampaignSchedule,
} from './schedules/campaign-schedule';

// The workspace's catalogue of Fyno events.
export { saveCatalogEvent } from './event-catalog/save-catalog-event';
export { removeCatalogEvent } from './event-catalog/remove-catalog-event';
