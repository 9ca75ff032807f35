export { createStore } from './store';
export type { Repositories, Store, StoreOptions } from './store';
export { SecretBox, SecretBoxError } from './crypto/secret-box';
export type { Workspace } from './repositories/workspaces';
export type { User, UserRow } from './repositories/users';
export type { ActiveSession } from './repositories/sessions';
export type { AuditAction, AuditEntry, AuditEvent } from './repositories/audit-log';
export type { FynoCredentials } from './repositories/settings';
export type { ConnectionView, ConnectionWithSecrets, TestOutcome } from './repositories/connections';
export type { Cohort, CohortListItem, CohortSource } from './repositories/cohorts';
export type { CatalogEvent } from './repositories/event-catalog';
export type { CampaignListItem, CampaignRow } from './repositories/campaigns';
export type { CampaignRun, RunStatus, SnapshotChunkCounts } from './repositories/campaign-runs';
export type { RunTotals } from './repositories/run-totals';
export type {
  PendingRecipient,
  RecipientRecord,
  RecipientResult,
  SnapshotRecipient,
  SnapshotSummary,
} from './repositories/run-recipients';
