/**
 * Why a MySQL raw query is prepared alone before it is wrapped: the statement
 * splitter lexes it one way, the server by its own sql_mode. Under
 * NO_BACKSLASH_ESCAPES (or ANSI_QUOTES) a text the splitter reads as one SELECT
 * holding a string can close the wrapper's parentheses and shape the statement
 * around them: whatever it builds there is the server's to run, not ours. (MariaDB's
 * grammar leaves no room for INTO OUTFILE before the wrapper's tail today; the check
 * does not rely on that.) These tests set the mode on one session, show the escape
 * is real on the server, and show the check refuses the text on that same session.
 */
import { mysqlHarness, type CustomerDatabase } from '@connect/testkit';
import { mysqlSplitterOptions } from 'dbgate-query-splitter';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { singleReadStatement } from '../sql/raw-sql';
import { mysqlConfigSchema } from './config';
import { openMysqlSession, type MysqlSession } from './connect';
import { checkOut, checkRawStatement } from './read-only';

/** The wrapper the SQL connector puts around a raw query for a preview. */
const wrapped = (statement: string) =>
  `SELECT * FROM (\n${statement}\n) AS connect_query WHERE TRUE LIMIT 51 OFFSET 0`;

const modes = [
  {
    mode: 'NO_BACKSLASH_ESCAPES',
    // The splitter reads '\' as an escaped quote; the server, in this mode, as a whole string.
    attack: `SELECT 'a\\') q JOIN (SELECT 1 AS outside #'`,
  },
  {
    mode: 'ANSI_QUOTES',
    // The splitter reads "..." as a string with backslash escapes; the server as an identifier.
    attack: 'SELECT 1 AS "a\\") q JOIN (SELECT 1 AS outside #"',
  },
];

describe('MySQL raw queries are checked by the server alone before they are wrapped', () => {
  let db: CustomerDatabase;
  let session: MysqlSession;

  beforeAll(async () => {
    db = await mysqlHarness.create();
    session = openMysqlSession(mysqlConfigSchema.parse(db.config));
  });

  afterAll(async () => {
    await session?.close();
    await db?.drop();
  });

  it.each(modes)('under sql_mode $mode', async ({ mode, attack }) => {
    // Our own splitter sees one SELECT of one string, nothing to refuse.
    const statement = singleReadStatement(attack, mysqlSplitterOptions);
    expect(statement).toBe(attack);
    const checkedOut = await checkOut(session);
    try {
      await checkedOut.connection.query(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',${mode}')`);
      // The escape is real: wrapped, the server joins a table of the text's making to the subquery.
      const [rows] = await checkedOut.connection.query<RowDataPacket[]>(wrapped(statement));
      expect(Object.keys(rows[0]!)).toContain('outside');
      // The check, on the same session, refuses it: alone, the text is not one statement.
      await expect(checkRawStatement(checkedOut.connection, statement)).rejects.toMatchObject({
        code: 'ER_PARSE_ERROR',
      });
    } finally {
      await checkedOut.giveBack({ discard: true });
    }
  });
});

describe('MySQL sessions never run several statements in one request', () => {
  it('refuses a second statement even on the text protocol (multipleStatements is off)', async () => {
    const db = await mysqlHarness.create();
    const session = openMysqlSession(mysqlConfigSchema.parse(db.config));
    try {
      const before = await db.checksum();
      const checkedOut = await checkOut(session);
      try {
        await expect(checkedOut.connection.query('SELECT 1; DELETE FROM users')).rejects.toMatchObject({
          code: 'ER_PARSE_ERROR',
        });
      } finally {
        await checkedOut.giveBack({ discard: true });
      }
      expect(await db.checksum()).toBe(before);
    } finally {
      await session.close();
      await db.drop();
    }
  });
});
