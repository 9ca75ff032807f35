import { filterSchema } from '@connect/core';
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../connector';
import { checkFilter } from '../filter/check-filter';
import { compileWhere } from './compile-where';
import { mysqlDialect } from '../mysql/compile-filter';
import { postgresDialect, quotePostgresIdentifier } from '../postgres/compile-filter';

const fields: FieldDescriptor[] = [
  { name: 'name', type: 'string', nativeType: 'text', nullable: true, filterable: true },
  { name: 'say "hi"', type: 'string', nativeType: 'text', nullable: true, filterable: true },
  { name: 'back`tick', type: 'string', nativeType: 'text', nullable: true, filterable: true },
  { name: 'seen_at', type: 'datetime', nativeType: 'timestamptz', nullable: true, filterable: true },
  { name: 'active', type: 'boolean', nativeType: 'boolean', nullable: true, filterable: true },
];

function compile(dialect: typeof postgresDialect, rules: unknown[], not = false) {
  const params = dialect.params();
  const where = compileWhere(
    checkFilter(filterSchema.parse({ combinator: 'and', not, rules }), fields),
    dialect,
    params,
  );
  return { where, values: params.values };
}

// Placeholder look-alikes included: a value must never be spliced in, even one that resembles SQL.
const hostile = ["'; DROP TABLE users; --", "\\' OR 1=1 #", '$$x$$ OR $9', '?? OR 1'];

describe.each([
  { label: 'PostgreSQL', dialect: postgresDialect },
  { label: 'MySQL', dialect: mysqlDialect('app') },
])('$label filter compiler', ({ dialect }) => {
  it('binds every value as a parameter: no value text reaches the SQL', () => {
    for (const value of hostile) {
      for (const operator of ['=', 'contains', 'in', 'doesNotBeginWith'])
        for (const field of ['name', 'say "hi"', 'back`tick']) {
          const { where, values } = compile(dialect, [
            { field, operator, value: operator === 'in' ? [value] : value },
          ]);
          expect(where).not.toContain(value);
          expect(values.length).toBeGreaterThan(0);
        }
    }
  });

  it('escapes LIKE wildcards and the escape character in values', () => {
    const { where, values } = compile(dialect, [{ field: 'name', operator: 'contains', value: '100%_!' }]);
    expect(values).toEqual(['%100!%!_!!%']);
    expect(where).toContain("ESCAPE '!'");
  });

  it('writes negations that include empty values, and NOT groups that count NULL as false', () => {
    expect(compile(dialect, [{ field: 'name', operator: '!=', value: 'x' }]).where).toMatch(
      /IS NULL OR NOT \(/,
    );
    expect(compile(dialect, [{ field: 'name', operator: '=', value: 'x' }], true).where).toMatch(
      /^\(NOT COALESCE\(\(.*\), FALSE\)\)$/,
    );
  });
});

describe('identifier quoting', () => {
  it('doubles the quote character of each dialect', () => {
    expect(quotePostgresIdentifier('say "hi"')).toBe('"say ""hi"""');
    expect(mysqlDialect('app').quoteIdentifier('back`tick')).toBe('`back``tick`');
    expect(mysqlDialect('app').quoteSource({ name: 'users' })).toBe('`app`.`users`');
    expect(postgresDialect.quoteSource({ name: 'users' })).toBe('"public"."users"');
  });

  it('binds MySQL date-times without the Z MariaDB refuses, and booleans as 1/0', () => {
    const { values } = compile(mysqlDialect('app'), [
      { field: 'seen_at', operator: '>', value: '2024-05-01T12:30:00Z' },
      { field: 'active', operator: '=', value: true },
    ]);
    expect(values).toEqual(['2024-05-01 12:30:00.000', 1]);
  });
});
