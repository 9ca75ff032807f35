import type { CohortSample, DryRunResult, TestTriggerResult } from '@connect/campaigns';
import type { FynoChannel } from '@connect/core';
import type { CampaignView, Json, RunView } from './views';

/** A notification event from the catalog, as the wizard offers it. */
export interface WizardEvent {
  name: string;
  description: string;
  channels: FynoChannel[];
  placeholders: string[];
}

/** A cohort the campaign can send to. */
export interface WizardCohort {
  id: string;
  name: string;
  connectionName: string;
  lastCount: number | null;
  lastCountKind: 'exact' | 'estimate' | null;
}

export type CohortSampleView = Json<CohortSample>;
export type DryRunView = DryRunResult;
export type TestTriggerView = Json<TestTriggerResult>;

/** What POST /api/campaigns and PUT /api/campaigns/[id] answer. */
export type SaveReply =
  | { saved: false; trigger: TestTriggerView }
  | { saved: true; campaign: CampaignView; run: RunView | null; trigger: TestTriggerView | null };
