import { describe, expect, it } from 'vitest';
import { snowflakeGrantWarnings, splitSnowflakeName, type SnowflakeGrant } from './privileges';

const grant = (
  privilege: string,
  granted_on: string,
  name: string,
  grantee_name = 'APP',
): SnowflakeGrant => ({
  privilege,
  granted_on,
  name,
  grantee_name,
});

describe('snowflakeGrantWarnings', () => {
  it('splits names as SHOW GRANTS prints them', () => {
    expect(splitSnowflakeName('DB.PUBLIC."odd.name ""x"""')).toEqual(['DB', 'PUBLIC', 'odd.name "x"']);
  });

  it('names a system role the current role inherits', () => {
    const warnings = snowflakeGrantWarnings({
      currentRole: 'APP',
      roles: ['APP', 'SYSADMIN'],
      grants: [grant('USAGE', 'ROLE', 'SYSADMIN')],
      database: 'SHOP',
      schema: undefined,
    });
    expect(warnings.map((warning) => warning.message)).toEqual([
      "This user's role APP inherits SYSADMIN: it can create warehouses and databases and change every object it owns.",
    ]);
  });

  it('counts ownership and writes in the database (and only the chosen schema), not elsewhere', () => {
    const warnings = snowflakeGrantWarnings({
      currentRole: 'APP',
      roles: ['APP'],
      grants: [
        grant('USAGE', 'DATABASE', 'SHOP'),
        grant('SELECT', 'TABLE', 'SHOP.PUBLIC.USERS'),
        grant('INSERT', 'TABLE', 'SHOP.PUBLIC.USERS'),
        grant('CREATE TABLE', 'SCHEMA', 'SHOP.PUBLIC'),
        grant('OWNERSHIP', 'TABLE', 'SHOP.STAGING.LOADS'),
        grant('OWNERSHIP', 'DATABASE', 'OTHER'),
        grant('MANAGE GRANTS', 'ACCOUNT', 'XY12345'),
      ],
      database: 'SHOP',
      schema: 'PUBLIC',
    });
    expect(warnings.map((warning) => warning.code)).toEqual(['manages_access', 'writes']);
    expect(warnings[1]!.message).toBe(
      "This user's role APP may change data or structure: INSERT and CREATE TABLE on table SHOP.PUBLIC.USERS and schema SHOP.PUBLIC.",
    );
  });

  it('a role with USAGE and SELECT only gets nothing', () => {
    expect(
      snowflakeGrantWarnings({
        currentRole: 'READER',
        roles: ['READER'],
        grants: [
          grant('USAGE', 'WAREHOUSE', 'WH'),
          grant('USAGE', 'DATABASE', 'SHOP'),
          grant('USAGE', 'SCHEMA', 'SHOP.PUBLIC'),
          grant('SELECT', 'VIEW', 'SHOP.PUBLIC."v"'),
        ],
        database: 'SHOP',
        schema: undefined,
      }),
    ).toEqual([]);
  });
});
