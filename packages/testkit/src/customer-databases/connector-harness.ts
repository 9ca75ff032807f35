import type { FieldType } from '@connect/core';
import type { FixtureUser, JsonValue } from './users-fixture';

/** A raw query the contract suite runs, and how its result must be judged. */
export interface WriteAttempt {
  /** Query text in the kind's raw-query language. */
  query: string;
  /** The ConnectorError reason expected: refused as a write, or refused by the database's parser. */
  reason: 'query_rejected' | 'query_failed';
}

/**
 * A hostile raw query built from one rule of the kind's own lexer or one feature
 * of its SQL (or pipeline language) that could change something. Whatever the
 * connector does with it (refuse it, or run it harmlessly), the database must be
 * left exactly as it was, no lock held, no file written.
 */
export interface RawQueryAttack {
  /** The rule or feature it plays on, for the test title. */
  rule: string;
  /**
   * The text. `{file}` stands for a path on the database host that must never
   * appear; `{lock}` for a lock key (a number for PostgreSQL, a name for MySQL).
   */
  query: string;
}

/** A scenario a harness cannot set up here, with the reason shown in the test report. */
export interface NotSimulated {
  notSimulated: string;
}

/**
 * Where a kind's rows go beyond the fixture's columns because of its data model
 * (MongoDB: every document has an `_id`, and nested documents and arrays sit
 * beside the fixture's fields). SQL tables are exactly the fixture and have none.
 */
export interface DocumentShape {
  /** The primary key `describe` reports. */
  primaryKey: string[];
  /** Single-field unique keys `describe` must report (it may report more). */
  uniqueFields: string[];
  /** Fields `describe` reports beyond the fixture's columns, in order (nested ones as dot paths). */
  extraFields: { name: string; type: FieldType; nullable: boolean; integer?: boolean }[];
  /** Top-level fields beyond the fixture's columns that a preview returns as columns, in order. */
  extraColumns: { name: string; type: FieldType }[];
  /** What those top-level fields hold for a fixture user, in JSON form (a field it lacks is left out). */
  extraValues(user: FixtureUser): Record<string, JsonValue>;
}

/**
 * One customer database loaded with the fixture, and everything the contract suite
 * needs to exercise a connector kind against it. Created per test file, dropped at
 * the end.
 */
export interface CustomerDatabase {
  /** The connector config for this database, as a user would enter it. */
  config: Record<string, unknown>;
  /** The fixture table. */
  usersSource: { schema?: string; name: string };
  /** The fixture rows, in their JSON form. */
  users: FixtureUser[];
  /** Absent for SQL kinds: the fixture table has primary key `id` and unique `external_id` and `order`. */
  shape?: DocumentShape;
  /**
   * Contract cases (by title) this database cannot reproduce, each with the reason
   * the test shows: a limit of a test server, never of the kind itself.
   */
  notSimulatedCases?: Record<string, string>;
  /** Other sources `listSources` must report (views, other schemas), beside the fixture table. */
  otherSources: { ref: { schema?: string; name: string }; type: string }[];
  /** Raw queries in the kind's language. */
  queries: {
    /** `id`, `name` and `age` of the users whose age is 40 or more. */
    adults: string;
    /** Sleeps `seconds` on the server; `marker` appears in the query text so it can be found while running. */
    sleep(seconds: number, marker: string): string;
    /** At least a million rows (computed, not stored), with `marker` in the text. */
    manyRows(marker: string): string;
    /** Attempts to change data or schema; each must be refused and the data left as it was. */
    writes: WriteAttempt[];
    /** Two statements in one text. */
    twoStatements: string;
    /** Attacks from the kind's lexing rules and side-effecting features; see {@link RawQueryAttack}. */
    attacks: RawQueryAttack[];
    /**
     * A query whose one row describes the state of the session it runs in (settings,
     * locks, variables) that a previous statement on the same pooled connection could
     * have left behind; the same on a clean session as after every attack.
     */
    sessionState: string;
    /** A query the database cannot parse. */
    syntaxError: string;
  };
  /** Configs that must fail to connect, with the failure the suite expects. */
  failing: {
    /** A config naming a database that does not exist. */
    unknownDatabase: Record<string, unknown>;
    /** A config pointing at a port nothing listens on. */
    unreachable: Record<string, unknown>;
    /** A user with a password; `wrong` carries another password, `right` the real one. */
    passwords(): Promise<{
      wrong: Record<string, unknown>;
      right: Record<string, unknown>;
      wrongPassword: string;
    }>;
    /** A config that demands TLS from a server that offers none. */
    tlsUnavailable: Record<string, unknown> | NotSimulated;
  };
  /** Logins whose rights are known, for the credential-warning cases. */
  logins: {
    /**
     * The harness's own powerful login (a superuser, root, an owner role): its config,
     * and the warning codes Connect must report for it (at least one warning when empty).
     */
    admin: { config: Record<string, unknown>; warnings: string[] };
    /**
     * Creates a login that may only read this database (removed by `drop`) and returns
     * its config; Connect must report no warning for it.
     */
    readOnly(): Promise<Record<string, unknown> | NotSimulated>;
  };
  /** A digest of every row and the list of tables: equal before and after means nothing was written. */
  checksum(): Promise<string>;
  /**
   * Everything an attack could leave behind, as one digest: every table's rows, the
   * relations (tables, views, sequences and their positions), the users or roles
   * created by attacks, and locks held on the database by any session. Equal before
   * and after means nothing changed and nothing is held.
   */
  sideEffects(lockKey: string): Promise<string>;
  /**
   * Cuts every client connection to this database from the server's side, as an
   * administrator's kill or a network failure would (PostgreSQL pg_terminate_backend,
   * MariaDB KILL, the test servers closing their sockets). The server stays up and
   * takes new connections at once.
   */
  connectionDrop:
    | {
        dropAll(): Promise<void>;
        /**
         * `fails`: an operation whose connection is cut fails (PostgreSQL, MySQL).
         * `may-retry`: the driver may retry it on a new connection and succeed
         * (MongoDB's retryable reads, snowflake-sdk's HTTP retries).
         */
        interrupted: 'fails' | 'may-retry';
      }
    | NotSimulated;
  /** Whether a query whose text contains `marker` is still running on the server. */
  isRunning(marker: string): Promise<boolean>;
  drop(): Promise<void>;
}

export interface ConnectorHarness {
  /** The connector kind (the registry key) this harness is for. */
  kind: string;
  /** For test titles: "PostgreSQL", "MariaDB". */
  label: string;
  /**
   * Creates a throwaway database, loads the fixture generated around `anchor` (now by
   * default), and returns what the suite needs.
   */
  create(options?: { anchor?: Date }): Promise<CustomerDatabase>;
}
