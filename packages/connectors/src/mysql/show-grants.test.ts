import { describe, expect, it } from 'vitest';
import { grantCovers, parseGrantLine } from './show-grants';

describe('parseGrantLine', () => {
  it('reads MariaDB root', () => {
    expect(parseGrantLine('GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION')).toEqual({
      type: 'privileges',
      privileges: ['ALL'],
      database: '*',
      table: '*',
      pattern: false,
      routine: false,
      withGrantOption: true,
    });
  });

  it('drops column lists and keeps nothing of a password hash', () => {
    const parsed = parseGrantLine(
      "GRANT SELECT, INSERT (`a`, `b,c`), UPDATE ON `app`.`users` TO `u`@`%` IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29'",
    );
    expect(parsed).toMatchObject({
      privileges: ['SELECT', 'INSERT', 'UPDATE'],
      database: 'app',
      table: 'users',
      withGrantOption: false,
    });
    expect(JSON.stringify(parsed)).not.toContain('94BD');
  });

  it('reads MySQL 8 dynamic privileges and role grants', () => {
    expect(
      parseGrantLine(
        'GRANT APPLICATION_PASSWORD_ADMIN,SYSTEM_VARIABLES_ADMIN,SET_USER_ID ON *.* TO `root`@`localhost`',
      ),
    ).toMatchObject({ privileges: ['APPLICATION_PASSWORD_ADMIN', 'SYSTEM_VARIABLES_ADMIN', 'SET_USER_ID'] });
    expect(parseGrantLine('GRANT `reporting`@`%`,`etl` TO `u`@`%`')).toEqual({
      type: 'roles',
      roles: ['reporting', 'etl'],
    });
    expect(parseGrantLine("GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION")).toEqual({
      type: 'other',
    });
  });

  it('handles quoted names with dots, backticks and " ON " inside them', () => {
    expect(parseGrantLine('GRANT SELECT ON `we.ird`.`a on``b` TO `u`@`%`')).toMatchObject({
      database: 'we.ird',
      table: 'a on`b',
    });
    expect(parseGrantLine('GRANT EXECUTE ON PROCEDURE `app`.`p` TO `u`@`%`')).toMatchObject({
      routine: true,
      database: 'app',
      table: 'p',
    });
  });

  it('matches database patterns as MySQL does', () => {
    const grant = (name: string) => {
      const parsed = parseGrantLine(`GRANT INSERT ON \`${name}\`.* TO \`u\`@\`%\``);
      if (parsed.type !== 'privileges') throw new Error('not a privilege grant');
      return parsed;
    };
    expect(grantCovers(grant('app\\_%'), 'app_live')).toBe(true);
    expect(grantCovers(grant('app\\_%'), 'appxlive')).toBe(false);
    expect(grantCovers(grant('app_db'), 'appXdb')).toBe(true);
    expect(grantCovers(grant('app\\_db'), 'app_db')).toBe(true);
    expect(grantCovers(grant('other'), 'app')).toBe(false);
  });
});
