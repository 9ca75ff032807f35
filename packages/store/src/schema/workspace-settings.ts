import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * Per-workspace settings. A null column means "not set here": the value from the
 * environment (.env) applies instead.
 */
export const workspaceSettings = pgTable('workspace_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  fynoWorkspaceId: text('fyno_workspace_id'),
  /** Encrypted with the secret box; never returned to the browser. */
  fynoApiKeySecret: text('fyno_api_key_secret'),
  fynoVersion: text('fyno_version', { enum: ['live', 'test'] }),
  fynoApiBase: text('fyno_api_base'),
  /** The Magic Query model: an OpenAI-compatible chat completions API. */
  llmBaseUrl: text('llm_base_url'),
  llmModel: text('llm_model'),
  /** Encrypted with the secret box; never returned to the browser. */
  llmApiKeySecret: text('llm_api_key_secret'),
  /** Whether prompts may carry sample values of text fields (possibly personal data). */
  llmSendSampleValues: boolean('llm_send_sample_values').notNull().default(false),
  /** ISO 3166 alpha-2 country assumed for phone numbers written without a country code, e.g. IN. */
  defaultPhoneCountry: text('default_phone_country'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});
