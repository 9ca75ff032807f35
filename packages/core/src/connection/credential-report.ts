/**
 * What Connect found out about the rights of a connection's database user, checked
 * when the connection is saved or re-tested. Connect only ever reads, so a user who
 * may do more is a risk worth pointing out: a leaked password, or a bug anywhere in
 * the read path, would then reach further than reading. It is a warning, never a
 * refusal: the connection works the same either way.
 */
export interface CredentialReport {
  /** Empty when the user may only read (as far as the database tells). */
  warnings: CredentialWarning[];
  /** How to create a read-only user for this database, names filled in; null if it could not be worked out. */
  advice: ReadOnlyUserAdvice | null;
  /** ISO-8601, when the check ran. */
  checkedAt: string;
}

/** Why a user's rights reach further than reading. */
export const credentialWarningCodes = [
  /** PostgreSQL superuser: everything, including files and programs on the host. */
  'superuser',
  /** Reads or writes files on the database server (pg_read/write_server_files, MySQL FILE). */
  'server_files',
  /** Runs programs on the database host (pg_execute_server_program). */
  'server_programs',
  /** Administers the server itself (MySQL SUPER and its dynamic successors, Snowflake admin roles). */
  'server_admin',
  /** Creates users or roles, or hands out privileges (CREATEROLE, CREATE USER, GRANT OPTION, MANAGE GRANTS). */
  'manages_access',
  /** Owns the database, schemas or tables (may change or drop them, and grant on them). */
  'ownership',
  /** May change data or structure (INSERT, UPDATE, DELETE, TRUNCATE, CREATE, DROP, ALTER...). */
  'writes',
  /** MongoDB roles beyond reading (readWrite, dbOwner, root...). */
  'roles_beyond_read',
  /** The check itself could not run; what the user may do is not known. */
  'unknown',
] as const;

export type CredentialWarningCode = (typeof credentialWarningCodes)[number];

export interface CredentialWarning {
  code: CredentialWarningCode;
  /** One or two sentences a person reads: what the user may do, and what that means. */
  message: string;
  /** What was found, for the curious (privileges, roles, objects); a few at most. */
  details?: string[];
}

/** A script that creates a read-only user for the connection's database, and how to use it. */
export interface ReadOnlyUserAdvice {
  /** The language of `script`: SQL for the SQL kinds, a mongosh session for MongoDB. */
  language: 'sql' | 'mongosh';
  /** Who runs the script, e.g. "Run as a superuser or the database owner:". */
  intro: string;
  /** Copyable as is; passwords are placeholders to replace. */
  script: string;
  /** What to change in Connect afterwards. */
  then: string;
}
