import { parseConnectorConfig } from '@connect/connectors';
import { z } from 'zod';
import { kindInfo } from './kind-summaries';

export const connectionNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the database a name')
  .max(100, 'Use at most 100 characters');

const configSchema = z.record(z.string().max(100), z.unknown());

export const createConnectionSchema = z.object({
  kind: z.string().min(1).max(40),
  name: connectionNameSchema,
  config: configSchema,
});

export const updateConnectionSchema = z.object({
  name: connectionNameSchema,
  config: configSchema,
  /** Secret fields to remove (a blank secret field otherwise means "keep the stored one"). */
  clearSecrets: z.array(z.string().max(100)).max(20).optional(),
});

export interface SplitConfig {
  /** The whole validated config, secrets included: what a connector is opened with. */
  full: Record<string, unknown>;
  /** Stored in the clear and shown in the edit form. */
  config: Record<string, unknown>;
  /** Stored encrypted, never sent back. */
  secrets: Record<string, string>;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Validates a kind's config and splits the secret fields from the rest. */
export function splitConfig(kind: string, input: Record<string, unknown>): SplitConfig {
  const info = kindInfo(kind);
  const full = parseConnectorConfig(kind, input);
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(full)) {
    if (info.secretFields.includes(key)) {
      if (!isBlank(value)) secrets[key] = String(value);
    } else if (value !== undefined) config[key] = value;
  }
  return { full, config, secrets };
}

/**
 * The config of an edit, with each secret field the user left blank filled from the
 * stored secrets ("blank means unchanged"), unless it is to be cleared or the
 * submitted config supplies it another way (a password pasted inside a connection
 * string is moved into the password field by the kind's schema).
 */
export function mergeStoredSecrets(
  kind: string,
  submitted: Record<string, unknown>,
  stored: Record<string, string>,
  clear: readonly string[] = [],
): Record<string, unknown> {
  const info = kindInfo(kind);
  let supplied: Record<string, unknown> = {};
  try {
    supplied = parseConnectorConfig(kind, submitted);
  } catch {
    // Invalid as submitted (perhaps only because a required secret is blank): fill from storage.
  }
  const merged = { ...submitted };
  for (const field of info.secretFields) {
    if (!isBlank(submitted[field]) || clear.includes(field)) continue;
    if (!isBlank(supplied[field])) continue;
    if (stored[field] !== undefined) merged[field] = stored[field];
  }
  return merged;
}
