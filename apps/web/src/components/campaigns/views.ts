import type { CampaignOverview, CampaignSummary, RunProgress } from '@connect/campaigns';
import type { CampaignRow, CampaignRun } from '@connect/store';

/** A value as it arrives through JSON: dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** What a server page hands a client component: the same shape the API replies with. */
export function toJson<T>(value: T): Json<T> {
  return JSON.parse(JSON.stringify(value)) as Json<T>;
}

export type CampaignView = Json<CampaignRow>;
export type CampaignSummaryView = Json<CampaignSummary>;
export type RunView = Json<CampaignRun>;
export type RunWithProgressView = Json<CampaignRun & { progress: RunProgress }>;
export type CampaignOverviewView = Json<CampaignOverview>;
export type { RunProgress };
