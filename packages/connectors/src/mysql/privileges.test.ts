import { describe, expect, it } from 'vitest';
import { mysqlGrantWarnings } from './privileges';
import { parseGrantLine } from './show-grants';

const grants = (...lines: string[]) =>
  lines.map(parseGrantLine).filter((grant) => grant.type === 'privileges');

describe('mysqlGrantWarnings', () => {
  it('names MySQL 8 dynamic privileges that replaced SUPER', () => {
    const warnings = mysqlGrantWarnings(
      grants(
        'GRANT USAGE ON *.* TO `app`@`%`',
        'GRANT SYSTEM_VARIABLES_ADMIN,SET_USER_ID ON *.* TO `app`@`%`',
        'GRANT SELECT ON `shop`.* TO `app`@`%`',
      ),
      'shop',
    );
    expect(warnings.map((warning) => warning.code)).toEqual(['server_admin']);
    expect(warnings[0]!.message).toContain('SYSTEM_VARIABLES_ADMIN and SET_USER_ID');
  });

  it('counts write grants on the connection database, a pattern covering it, or one of its tables; not on others', () => {
    const onOther = mysqlGrantWarnings(grants('GRANT ALL PRIVILEGES ON `other`.* TO `app`@`%`'), 'shop');
    expect(onOther).toEqual([]);
    const viaPattern = mysqlGrantWarnings(
      grants('GRANT INSERT, UPDATE ON `sh\\_%`.* TO `app`@`%`'),
      'sh_live',
    );
    expect(viaPattern.map((warning) => warning.code)).toEqual(['writes']);
    expect(viaPattern[0]!.message).toBe(
      'This user may change data or structure in `sh_live`: INSERT and UPDATE (granted on `sh\\_%`.*).',
    );
    const onTable = mysqlGrantWarnings(grants('GRANT DELETE ON `shop`.`orders` TO `app`@`%`'), 'shop');
    expect(onTable[0]!.details).toEqual(['DELETE on `shop`.`orders`']);
  });

  it('reads ALL PRIVILEGES on *.* as files, administration, access and writes', () => {
    const warnings = mysqlGrantWarnings(
      grants('GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'),
      'shop',
    );
    expect(warnings.map((warning) => warning.code)).toEqual([
      'server_files',
      'server_admin',
      'manages_access',
      'writes',
    ]);
    expect(warnings[3]!.message).toBe(
      'This user may change data or structure in `shop`: ALL PRIVILEGES (granted on *.*).',
    );
  });

  it('a user with SELECT and SHOW VIEW only gets nothing', () => {
    expect(mysqlGrantWarnings(grants('GRANT SELECT, SHOW VIEW ON `shop`.* TO `r`@`%`'), 'shop')).toEqual([]);
  });
});
