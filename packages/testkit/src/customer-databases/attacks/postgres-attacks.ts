import type { RawQueryAttack } from '../connector-harness';

/** Ends the wrapper's subquery, runs `statements`, and reopens one so the wrapper's tail still parses. */
const escape = (opener: string, statements: string, closer = opener) =>
  `SELECT ${opener} AS a) q; ${statements}; SELECT * FROM (SELECT ${closer}`;

const write = "COMMIT; UPDATE users SET name = 'PWNED' WHERE id = 2";

/**
 * Raw queries that try to write to a PostgreSQL database, or leave something behind
 * in the session, built from PostgreSQL's lexer (src/backend/parser/scan.l) and its
 * side-effecting features. Each string rule pairs a text that a statement splitter
 * not lexing exactly like the server would read as one statement with a second
 * statement after it. The fixture has `users`, `crm.accounts`, the sequence
 * `crm.account_ids` and the writing function `bump_visits()`.
 */
export const postgresAttacks: RawQueryAttack[] = [
  // Strings and their escapes.
  { rule: "E'' string: \\' escapes the quote", query: escape("E'\\''", write) },
  { rule: "E'' string: \\\\ before the closing quote", query: escape("E'\\\\'", write) },
  { rule: "E'' string: octal and hex escapes of a quote", query: escape("E'\\047\\x27'", write) },
  {
    rule: "plain string under standard_conforming_strings: '\\' is a whole string",
    query: escape("'\\'", write),
  },
  { rule: 'doubled quote inside a string', query: escape("'it''s'", write) },
  { rule: "U&'' string with a UESCAPE character", query: escape("U&'!0027' UESCAPE '!'", write) },
  { rule: "U&'' string with \\ escapes", query: escape("U&'\\0027\\'", write) },
  { rule: 'E string continued across lines', query: escape("E'x'\n'\\''", write) },
  // Dollar quotes.
  { rule: 'dollar quote with a tag holding ;', query: escape('$x$ ; $x$', write) },
  { rule: 'dollar quote holding another tag', query: escape('$a$ $b$ ; $a$', write, '$b$ $b$') },
  { rule: 'a $ inside an identifier is not a dollar quote', query: escape('1 AS a$x$', write, '1 AS b$x$') },
  { rule: 'a positional parameter is not a dollar quote', query: escape('$1::text', write) },
  // Comments.
  { rule: 'nested block comments', query: escape('1 /* /* */ ;', write, '1 */') },
  { rule: 'block comment closed twice', query: escape('1 /* /* */ */', write) },
  { rule: 'line comment hides a ;', query: `SELECT 1 AS a -- ;\n) q; ${write}; SELECT * FROM (SELECT 1` },
  { rule: 'an unterminated block comment swallows the wrapper', query: `SELECT 1 AS a) q; ${write}; /*` },
  { rule: 'a line comment at the end swallows the wrapper', query: `SELECT 1 AS a) q; ${write} --` },
  // Quoted identifiers.
  { rule: 'a ; inside a quoted identifier', query: escape('1 AS ";"', write) },
  { rule: 'doubled quotes inside a quoted identifier', query: escape('1 AS """;"""', write) },
  { rule: 'U&"" identifier', query: escape('1 AS U&"\\003B"', write) },
  // Ending the read-only transaction, or making the session writable.
  { rule: 'COMMIT', query: escape('1', 'COMMIT; DELETE FROM users') },
  { rule: 'ROLLBACK', query: escape('1', 'ROLLBACK; DELETE FROM users') },
  { rule: 'END', query: escape('1', 'END; DELETE FROM users') },
  { rule: 'ABORT', query: escape('1', 'ABORT; DELETE FROM users') },
  {
    rule: 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE',
    query: escape('1', 'COMMIT; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM users'),
  },
  {
    rule: 'SET default_transaction_read_only, then a read-write transaction',
    query: escape(
      '1',
      'COMMIT; SET default_transaction_read_only = off; START TRANSACTION READ WRITE; DELETE FROM users; COMMIT',
    ),
  },
  { rule: 'RESET ALL', query: escape('1', 'COMMIT; RESET ALL; DELETE FROM users') },
  {
    rule: 'set_config() turning read-only off for the session',
    query: "SELECT set_config('default_transaction_read_only', 'off', false) AS a",
  },
  {
    rule: 'set_config() turning the transaction read-write',
    query: "SELECT set_config('transaction_read_only', 'off', false) AS a",
  },
  {
    rule: 'set_config() lifting the time limit',
    query: "SELECT set_config('statement_timeout', '0', false) AS a",
  },
  { rule: 'set_config() changing search_path', query: "SELECT set_config('search_path', 'crm', false) AS a" },
  // Locks.
  { rule: 'a session advisory lock', query: 'SELECT pg_advisory_lock({lock}) AS a' },
  { rule: 'a shared session advisory lock', query: 'SELECT pg_advisory_lock_shared({lock}) AS a' },
  { rule: 'a two-key advisory lock', query: 'SELECT pg_try_advisory_lock({lock}, {lock}) AS a' },
  { rule: 'a transaction advisory lock', query: 'SELECT pg_advisory_xact_lock({lock}) AS a' },
  { rule: 'SELECT ... FOR UPDATE', query: 'SELECT * FROM users FOR UPDATE' },
  { rule: 'SELECT ... FOR NO KEY UPDATE', query: 'SELECT id FROM users FOR NO KEY UPDATE' },
  { rule: 'SELECT ... FOR SHARE', query: 'SELECT id FROM users FOR SHARE' },
  { rule: 'LOCK TABLE', query: escape('1', 'COMMIT; BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE') },
  // Large objects and files.
  { rule: 'lo_create()', query: 'SELECT lo_create(0) AS a' },
  { rule: 'lo_from_bytea()', query: "SELECT lo_from_bytea(0, '\\x00'::bytea) AS a" },
  { rule: 'lo_import() of a server file', query: "SELECT lo_import('/etc/hostname') AS a" },
  { rule: 'lo_export() to a server file', query: "SELECT lo_export(lo_from_bytea(0, 'x'), '{file}') AS a" },
  { rule: 'COPY ... TO PROGRAM', query: escape("E'\\''", "COPY (SELECT 1) TO PROGRAM 'touch {file}'") },
  { rule: 'COPY ... TO a server file', query: escape('1', "COPY (SELECT 1) TO '{file}'") },
  // Writing by other means than DML.
  { rule: 'SELECT ... INTO a new table', query: 'SELECT * INTO connect_attack_table FROM users' },
  {
    rule: 'SELECT ... INTO after a UNION',
    query: 'SELECT 1 AS a) q UNION SELECT 1 INTO connect_attack_table FROM (SELECT 1',
  },
  {
    rule: 'a data-modifying CTE',
    query: "WITH x AS (INSERT INTO crm.accounts VALUES (99, 'x') RETURNING 1) SELECT * FROM x",
  },
  { rule: 'a function that writes', query: 'SELECT bump_visits() AS a' },
  { rule: 'nextval()', query: "SELECT nextval('crm.account_ids') AS a" },
  { rule: 'setval()', query: "SELECT setval('crm.account_ids', 500) AS a" },
  { rule: 'pg_notify()', query: "SELECT pg_notify('connect_attack', 'x') AS a" },
  { rule: 'txid_current()', query: 'SELECT txid_current() AS a' },
  { rule: 'EXPLAIN ANALYZE of a write', query: escape('1', 'EXPLAIN ANALYZE DELETE FROM users') },
  { rule: 'DO block', query: escape('1', 'DO $$ BEGIN DELETE FROM users; END $$') },
  { rule: 'CREATE TABLE', query: escape("E'\\''", 'CREATE TABLE connect_attack_table (id int)') },
  { rule: 'CREATE ROLE', query: escape("E'\\''", 'CREATE ROLE connect_attack_role SUPERUSER LOGIN') },
  { rule: 'ALTER SEQUENCE', query: escape('1', 'ALTER SEQUENCE crm.account_ids RESTART WITH 500') },
  // Session objects that would outlive the operation.
  { rule: 'PREPARE', query: escape('1', 'COMMIT; PREPARE connect_attack AS SELECT 1') },
  { rule: 'LISTEN', query: escape('1', 'COMMIT; LISTEN connect_attack') },
  {
    rule: 'DECLARE ... WITH HOLD',
    query: escape('1', 'DECLARE connect_attack CURSOR WITH HOLD FOR SELECT 1'),
  },
  { rule: 'CREATE TEMP TABLE', query: escape('1', 'COMMIT; CREATE TEMP TABLE connect_attack_temp (id int)') },
];

/**
 * What a previous statement could leave in a pooled session: its read-only default,
 * its time limit and search path, advisory locks, prepared statements, cursors,
 * listened channels and temporary tables.
 */
export const postgresSessionState = `SELECT
  current_setting('default_transaction_read_only') AS read_only,
  current_setting('search_path') AS search_path,
  (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory_locks,
  (SELECT count(*) FROM pg_prepared_statements) AS prepared,
  (SELECT count(*) FROM pg_cursors) AS cursors,
  (SELECT count(*) FROM pg_listening_channels()) AS channels,
  (SELECT count(*) FROM pg_class WHERE relpersistence = 't') AS temp_tables`;
