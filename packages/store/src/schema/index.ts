// The complete app schema: drizzle-kit reads this file to generate migrations.
export { auditEvents } from './audit-events';
export { sessions } from './sessions';
export { users } from './users';
export { workspaceSettings } from './workspace-settings';
export { workspaces } from './workspaces';
export { cohorts } from './cohorts';
export { connections } from './connections';
export { campaignRuns } from './campaign-runs';
export { campaigns } from './campaigns';
export { eventCatalog } from './event-catalog';
export { runRecipients } from './run-recipients';
