import { filterSchema } from '@connect/core';
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../connector';
import { checkFilter } from '../filter/check-filter';
import { compileWhere } from '../sql/compile-where';
import { quoteSnowflakeIdentifier, snowflakeDialect } from './compile-filter';

const fields: FieldDescriptor[] = [
  { name: 'name', type: 'string', nativeType: 'VARCHAR', nullable: true, filterable: true },
  { name: 'say "hi"', type: 'string', nativeType: 'VARCHAR', nullable: true, filterable: true },
  { name: 'seen_at', type: 'datetime', nativeType: 'TIMESTAMP_NTZ', nullable: true, filterable: true },
  { name: 'paid_at', type: 'datetime', nativeType: 'TIMESTAMP_LTZ', nullable: true, filterable: true },
  { name: 'born', type: 'date', nativeType: 'DATE', nullable: true, filterable: true },
  { name: 'ext', type: 'id', format: 'uuid', nativeType: 'VARCHAR(36)', nullable: false, filterable: true },
  {
    name: 'tags',
    type: 'array',
    elementType: 'string',
    nativeType: 'ARRAY',
    nullable: true,
    filterable: true,
  },
  {
    name: 'visits',
    type: 'number',
    integer: true,
    nativeType: 'NUMBER(38,0)',
    nullable: false,
    filterable: true,
  },
];

const dialect = snowflakeDialect('PUBLIC');

function compile(rules: unknown[]) {
  const params = dialect.params();
  const where = compileWhere(
    checkFilter(filterSchema.parse({ combinator: 'and', rules }), fields),
    dialect,
    params,
  );
  return { where, values: params.values };
}

describe('Snowflake filter compiler', () => {
  it('binds every value with ? and quotes every column exactly', () => {
    for (const value of ["'; DROP TABLE users; --", "\\' OR 1=1 --", '$$x$$ OR ?', '"), (1']) {
      const { where, values } = compile([
        { field: 'say "hi"', operator: '=', value },
        { field: 'name', operator: 'in', value: [value] },
      ]);
      expect(where).toBe('("say ""hi""" = ? AND "name" IN (?))');
      expect(values).toEqual([value, value]);
    }
  });

  it('escapes LIKE wildcards and names the escape character (Snowflake has no default)', () => {
    const { where, values } = compile([{ field: 'name', operator: 'contains', value: '100%_!' }]);
    expect(where).toBe(`("name" ILIKE ? ESCAPE '!')`);
    expect(values).toEqual(['%100!%!_!!%']);
  });

  it('casts date-times to wall-clock NTZ or to an instant, and dates to DATE', () => {
    const { where, values } = compile([
      { field: 'seen_at', operator: '>', value: '2024-05-01T12:30:00+02:00' },
      { field: 'paid_at', operator: 'on', value: '2024-05-01' },
      { field: 'born', operator: '<', value: '2000-01-31' },
    ]);
    expect(where).toBe(
      '("seen_at" > ?::TIMESTAMP_NTZ AND ("paid_at" >= ?::TIMESTAMP_TZ AND "paid_at" < ?::TIMESTAMP_TZ) AND "born" < ?::DATE)',
    );
    expect(values).toEqual([
      '2024-05-01 10:30:00.000',
      '2024-05-01 00:00:00.000 +00:00',
      '2024-05-02 00:00:00.000 +00:00',
      '2000-01-31',
    ]);
  });

  it("evaluates relative dates with the statement's own clock, amounts bound", () => {
    const { where, values } = compile([
      { field: 'seen_at', operator: 'inLast', value: { amount: 7, unit: 'days' } },
      { field: 'paid_at', operator: 'moreThanAgo', value: { amount: 3, unit: 'months' } },
      { field: 'born', operator: 'inNext', value: { amount: 2, unit: 'weeks' } },
    ]);
    expect(where).toBe(
      '(("seen_at" >= DATEADD(DAY, ?, SYSDATE()) AND "seen_at" <= SYSDATE())' +
        ' AND "paid_at" < DATEADD(MONTH, ?, CURRENT_TIMESTAMP())' +
        ' AND ("born" >= CURRENT_DATE() AND "born" <= DATEADD(WEEK, ?, CURRENT_DATE())))',
    );
    expect(values).toEqual([-7, -3, 2]);
  });

  it('matches UUIDs in any case, arrays with ARRAY functions, and big integers as text', () => {
    const { where, values } = compile([
      { field: 'ext', operator: 'in', value: ['0F26EC89-7E9B-458B-9418-B7F3433814A9'] },
      { field: 'tags', operator: 'doesNotContainElement', value: 'vip' },
      { field: 'tags', operator: 'isEmpty' },
      { field: 'visits', operator: '>', value: '9007199254740993' },
    ]);
    expect(where).toBe(
      '(LOWER("ext") IN (?) AND ("tags" IS NULL OR NOT (ARRAY_CONTAINS(?::VARIANT, "tags")))' +
        ' AND ("tags" IS NULL OR ARRAY_SIZE("tags") = 0) AND "visits" > ?)',
    );
    expect(values).toEqual(['0f26ec89-7e9b-458b-9418-b7f3433814a9', 'vip', '9007199254740993']);
  });

  it('says where empty values sort, since Snowflake puts them last ascending', () => {
    expect(dialect.orderTerm('"age"', 'asc', true)).toBe('"age" ASC NULLS FIRST');
    expect(dialect.orderTerm('"age"', 'desc', true)).toBe('"age" DESC NULLS LAST');
    expect(dialect.orderTerm('"id"', 'asc', false)).toBe('"id" ASC');
  });

  it('quotes sources in the default schema when none is given', () => {
    expect(quoteSnowflakeIdentifier('quote"d')).toBe('"quote""d"');
    expect(dialect.quoteSource({ name: 'users' })).toBe('"PUBLIC"."users"');
    expect(dialect.quoteSource({ schema: 'crm', name: 'Accounts' })).toBe('"crm"."Accounts"');
  });
});
