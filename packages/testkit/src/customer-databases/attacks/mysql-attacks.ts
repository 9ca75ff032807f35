import type { RawQueryAttack } from '../connector-harness';

/** Ends the wrapper's subquery, runs `statements`, and reopens one so the wrapper's tail still parses. */
const escape = (opener: string, statements: string, closer = opener) =>
  `SELECT ${opener} AS a) q; ${statements}; SELECT * FROM (SELECT ${closer}`;

const write = "COMMIT; UPDATE users SET name = 'PWNED' WHERE id = 2";

/**
 * Raw queries that try to write to a MySQL or MariaDB database, write a file on its
 * host, or leave something behind in the session, built from the server's lexer
 * (sql/sql_lex.cc: backslash escapes unless NO_BACKSLASH_ESCAPES, `"` strings unless
 * ANSI_QUOTES, `#` comments, `-- ` only with a space or control character after it,
 * `/*! *\/` and `/*M! *\/` comments whose contents are executed) and its
 * side-effecting features. The fixture has `users` and the writing function
 * `bump_visits()`.
 */
export const mysqlAttacks: RawQueryAttack[] = [
  // Strings and their escapes.
  { rule: "'' string: \\' escapes the quote", query: escape("'\\''", write) },
  { rule: "'' string: \\\\ before the closing quote", query: escape("'\\\\'", write) },
  { rule: '"" string: \\" escapes the quote', query: escape('"\\""', write) },
  { rule: 'doubled quote inside a string', query: escape("'it''s'", write) },
  { rule: 'character set introducer before a string', query: escape("_utf8mb4'\\''", write) },
  { rule: "N'' national string", query: escape("N'\\''", write) },
  { rule: "X'' hex string", query: escape("X'27'", write) },
  // Comments.
  { rule: '# comment hides a ;', query: `SELECT 1 AS a # ;\n) q; ${write}; SELECT * FROM (SELECT 1` },
  {
    rule: '-- is a comment only with a space after it',
    query: `SELECT 1 AS a, 2--'\n) q; ${write}; SELECT '`,
  },
  { rule: '-- followed by a tab', query: `SELECT 1 AS a --\t;\n) q; ${write}; SELECT * FROM (SELECT 1` },
  { rule: 'executable comment /*! */', query: `SELECT 1 AS a /*! ) q; ${write}; SELECT * FROM (SELECT 1 */` },
  {
    rule: 'versioned executable comment /*!50000 */',
    query: `SELECT 1 AS a /*!50000 ) q; ${write}; SELECT * FROM (SELECT 1 */`,
  },
  {
    rule: 'MariaDB executable comment /*M! */',
    query: `SELECT 1 AS a /*M!100100 ) q; ${write}; SELECT * FROM (SELECT 1 */`,
  },
  { rule: 'block comments do not nest', query: escape('1 /* /* */', write, '1 */') },
  // Quoted identifiers.
  { rule: 'a ; inside a backtick identifier', query: escape('1 AS `;`', write) },
  { rule: 'doubled backticks inside an identifier', query: escape('1 AS `a``;`', write) },
  // Writing a file on the database host, out of the wrapper's parentheses.
  { rule: 'SELECT ... INTO OUTFILE', query: "SELECT * FROM users INTO OUTFILE '{file}'" },
  {
    rule: 'INTO OUTFILE after the wrapper is closed, its tail swallowed by an unterminated comment',
    query: "SELECT 1 AS a) q INTO OUTFILE '{file}' /*",
  },
  {
    rule: 'INTO DUMPFILE after the wrapper is closed, its tail swallowed by a # comment',
    query: "SELECT 1 AS a) q INTO DUMPFILE '{file}' #",
  },
  {
    rule: 'INTO OUTFILE inside an executable comment',
    query: "SELECT 1 AS a) q /*! INTO OUTFILE '{file}' */ /*",
  },
  { rule: 'INTO OUTFILE before FROM', query: "SELECT 1 AS a INTO OUTFILE '{file}' FROM users" },
  // Ending the read-only transaction, or making the session writable.
  { rule: 'COMMIT', query: escape('1', 'COMMIT; DELETE FROM users') },
  { rule: 'ROLLBACK', query: escape('1', 'ROLLBACK; DELETE FROM users') },
  {
    rule: 'SET SESSION TRANSACTION READ WRITE',
    query: escape('1', 'COMMIT; SET SESSION TRANSACTION READ WRITE; DELETE FROM users'),
  },
  {
    rule: 'SET SESSION tx_read_only = 0',
    query: escape('1', 'COMMIT; SET SESSION tx_read_only = 0; DELETE FROM users'),
  },
  {
    rule: 'START TRANSACTION READ WRITE',
    query: escape('1', 'COMMIT; START TRANSACTION READ WRITE; DELETE FROM users; COMMIT'),
  },
  { rule: 'SET GLOBAL', query: escape('1', 'SET GLOBAL max_connections = 1') },
  // Locks.
  { rule: 'a named lock', query: "SELECT GET_LOCK('{lock}', 0) AS a" },
  { rule: 'SELECT ... FOR UPDATE', query: 'SELECT * FROM users FOR UPDATE' },
  { rule: 'SELECT ... LOCK IN SHARE MODE', query: 'SELECT id FROM users LOCK IN SHARE MODE' },
  { rule: 'LOCK TABLES', query: escape('1', 'COMMIT; LOCK TABLES users WRITE') },
  { rule: 'DO GET_LOCK()', query: escape('1', "DO GET_LOCK('{lock}', 0)") },
  // Session state.
  { rule: 'a user variable set in a SELECT', query: 'SELECT @connect_attack := 42 AS a' },
  { rule: 'SET @variable', query: escape('1', 'SET @connect_attack = 42') },
  { rule: 'a temporary table', query: escape('1', 'CREATE TEMPORARY TABLE connect_attack_temp (id int)') },
  { rule: 'PREPARE', query: escape('1', "PREPARE connect_attack FROM 'SELECT 1'") },
  { rule: 'HANDLER ... OPEN', query: escape('1', 'HANDLER users OPEN') },
  // Writing by other means than DML.
  { rule: 'a function that writes', query: 'SELECT bump_visits() AS a' },
  { rule: 'CREATE TABLE', query: escape("'\\''", 'CREATE TABLE connect_attack_table (id int)') },
  { rule: 'CREATE USER', query: escape("'\\''", "CREATE USER 'connect_attack_user'@'%'") },
  { rule: 'GRANT', query: escape('1', "GRANT ALL ON *.* TO 'connect_attack_user'@'%'") },
  { rule: 'LOAD DATA', query: escape('1', "LOAD DATA INFILE '/etc/hostname' INTO TABLE users") },
];

/**
 * What a previous statement could leave in a pooled session: user variables, the
 * named lock, and the read-only default. (MariaDB lists no temporary tables to count;
 * a statement that could create one is refused before it runs.)
 */
export const mysqlSessionState = `SELECT
  @connect_attack AS variable,
  IS_USED_LOCK('{lock}') IS NOT NULL AS named_lock,
  @@session.tx_read_only AS read_only`;
