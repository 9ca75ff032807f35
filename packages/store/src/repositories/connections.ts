import { randomUUID } from 'node:crypto';
import { AppError, type CredentialReport } from '@connect/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { connections } from '../schema/connections';
import { isUniqueViolation } from './pg-errors';

type ConnectionRow = typeof connections.$inferSelect;

/** A connection as the browser may see it: no secrets, only which secret fields are set. */
export interface ConnectionView {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  secretFieldsSet: string[];
  configVersion: number;
  status: 'ok' | 'failing';
  lastTestedAt: Date | null;
  lastError: string | null;
  serverVersion: string | null;
  /** What the database user may do beyond reading, from the last successful test; null before one. */
  credentialReport: CredentialReport | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Everything a connector needs: the config with the secrets merged in. Server-side only. */
export interface ConnectionWithSecrets extends ConnectionView {
  fullConfig: Record<string, unknown>;
}

export interface TestOutcome {
  ok: boolean;
  serverVersion?: string;
  error?: string;
  /** The privilege check of a successful test; a failed test keeps the last one. */
  credentials?: CredentialReport;
}

const secretsContext = (id: string) => `connections.secrets:${id}`;

export function connectionsRepository(db: Db, secretBox: SecretBox) {
  function open(row: ConnectionRow): Record<string, string> {
    return row.secretsSealed
      ? (JSON.parse(secretBox.decrypt(row.secretsSealed, secretsContext(row.id))) as Record<string, string>)
      : {};
  }

  function seal(id: string, secrets: Record<string, string>): string | null {
    const present = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== ''));
    return Object.keys(present).length === 0
      ? null
      : secretBox.encrypt(JSON.stringify(present), secretsContext(id));
  }

  function view(row: ConnectionRow): ConnectionView {
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      config: row.config,
      secretFieldsSet: Object.keys(open(row)).sort(),
      configVersion: row.configVersion,
      status: row.status,
      lastTestedAt: row.lastTestedAt,
      lastError: row.lastError,
      serverVersion: row.serverVersion,
      credentialReport: row.credentialReport ?? null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async function find(workspaceId: string, id: string): Promise<ConnectionRow> {
    const [row] = await db
      .select()
      .from(connections)
      .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, id)));
    if (!row)
      throw new AppError('not_found', 'That database connection does not exist (it may have been deleted).');
    return row;
  }

  const duplicateName = (name: string) =>
    new AppError('conflict', `A database named "${name}" already exists. Choose another name.`, {
      fieldErrors: { name: 'This name is taken' },
    });

  return {
    async list(workspaceId: string): Promise<ConnectionView[]> {
      const rows = await db
        .select()
        .from(connections)
        .where(eq(connections.workspaceId, workspaceId))
        .orderBy(asc(sql`lower(${connections.name})`));
      return rows.map(view);
    },

    async get(workspaceId: string, id: string): Promise<ConnectionView> {
      return view(await find(workspaceId, id));
    },

    async getWithSecrets(workspaceId: string, id: string): Promise<ConnectionWithSecrets> {
      const row = await find(workspaceId, id);
      return { ...view(row), fullConfig: { ...row.config, ...open(row) } };
    },

    /** Saves a connection that has just passed its test. */
    async create(input: {
      workspaceId: string;
      kind: string;
      name: string;
      config: Record<string, unknown>;
      secrets: Record<string, string>;
      test: TestOutcome;
      createdBy: string;
    }): Promise<ConnectionView> {
      const id = randomUUID();
      try {
        const [row] = await db
          .insert(connections)
          .values({
            id,
            workspaceId: input.workspaceId,
            kind: input.kind,
            name: input.name,
            config: input.config,
            secretsSealed: seal(id, input.secrets),
            status: input.test.ok ? 'ok' : 'failing',
            lastTestedAt: sql`now()`,
            lastError: input.test.error ?? null,
            serverVersion: input.test.serverVersion ?? null,
            credentialReport: input.test.credentials ?? null,
            createdBy: input.createdBy,
          })
          .returning();
        return view(row!);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName(input.name);
        throw error;
      }
    },

    /**
     * Replaces the name and non-secret config; a secret field given non-empty replaces
     * the stored one, a blank or missing one keeps it, and `clearSecrets` removes some.
     */
    async update(
      workspaceId: string,
      id: string,
      input: {
        name: string;
        config: Record<string, unknown>;
        secrets: Record<string, string | undefined>;
        clearSecrets?: string[];
        test: TestOutcome;
      },
    ): Promise<ConnectionView> {
      const row = await find(workspaceId, id);
      const secrets = { ...open(row) };
      for (const [field, value] of Object.entries(input.secrets)) if (value) secrets[field] = value;
      for (const field of input.clearSecrets ?? []) delete secrets[field];
      try {
        const [updated] = await db
          .update(connections)
          .set({
            name: input.name,
            config: input.config,
            secretsSealed: seal(id, secrets),
            configVersion: sql`${connections.configVersion} + 1`,
            status: input.test.ok ? 'ok' : 'failing',
            lastTestedAt: sql`now()`,
            lastError: input.test.error ?? null,
            serverVersion: input.test.serverVersion ?? row.serverVersion,
            // New settings may sign in as another user: an old report would not apply.
            credentialReport: input.test.credentials ?? null,
            updatedAt: sql`now()`,
          })
          .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, id)))
          .returning();
        return view(updated!);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName(input.name);
        throw error;
      }
    },

    /** The stored secrets of a connection, for merging into an edit before it is tested. */
    async secrets(workspaceId: string, id: string): Promise<Record<string, string>> {
      return open(await find(workspaceId, id));
    },

    async recordTest(workspaceId: string, id: string, outcome: TestOutcome): Promise<ConnectionView> {
      const [row] = await db
        .update(connections)
        .set({
          status: outcome.ok ? 'ok' : 'failing',
          lastTestedAt: sql`now()`,
          lastError: outcome.error ?? null,
          ...(outcome.serverVersion ? { serverVersion: outcome.serverVersion } : {}),
          ...(outcome.credentials ? { credentialReport: outcome.credentials } : {}),
        })
        .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, id)))
        .returning();
      if (!row)
        throw new AppError(
          'not_found',
          'That database connection does not exist (it may have been deleted).',
        );
      return view(row);
    },

    /** Deletes a connection; the caller checks first that no cohort uses it (the database enforces it too). */
    async delete(workspaceId: string, id: string): Promise<void> {
      await db
        .delete(connections)
        .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, id)));
    },

    /** Re-encrypts secrets sealed with an older key; returns how many changed. */
    async rotateSecrets(): Promise<number> {
      const rows = await db.select().from(connections);
      let rotated = 0;
      for (const row of rows) {
        if (!row.secretsSealed || !secretBox.needsRotation(row.secretsSealed)) continue;
        await db
          .update(connections)
          .set({ secretsSealed: seal(row.id, open(row)) })
          .where(eq(connections.id, row.id));
        rotated += 1;
      }
      return rotated;
    },
  };
}
