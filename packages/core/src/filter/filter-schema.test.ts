import { describe, expect, it } from 'vitest';
import { definitionSchema } from './definition';
import { filterLimits, filterSchema } from './filter-schema';
import { fieldTypes } from './field-types';
import { filterOperators, operatorsByFieldType } from './operators';

const rule = (operator: string, value?: unknown) => ({
  combinator: 'and',
  rules: [{ field: 'age', operator, value }],
});

describe('filterSchema', () => {
  it('accepts react-querybuilder JSON with nested groups, NOT and ids', () => {
    const parsed = filterSchema.parse({
      id: 'root',
      combinator: 'AND',
      not: false,
      rules: [
        { id: 'r1', field: 'age', operator: '>=', value: '18', valueSource: 'value' },
        {
          id: 'g1',
          combinator: 'or',
          not: true,
          rules: [{ id: 'r2', field: 'plan', operator: 'in', value: 'pro, enterprise' }],
        },
      ],
    });
    expect(parsed.combinator).toBe('and');
    expect(parsed.rules[1]).toMatchObject({ not: true, rules: [{ value: ['pro', 'enterprise'] }] });
  });

  it('normalises list and range values from arrays or comma-separated text', () => {
    expect(filterSchema.parse(rule('between', '1,5')).rules[0]).toMatchObject({ value: ['1', '5'] });
    expect(filterSchema.parse(rule('notIn', [1, 2])).rules[0]).toMatchObject({ value: [1, 2] });
    expect(filterSchema.parse(rule('null', 'ignored')).rules[0]).toMatchObject({ value: null });
  });

  it('rejects unknown operators, so no operator text reaches a compiler', () => {
    const result = filterSchema.safeParse(rule('= 1 OR 1=1 --', 1));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Unknown operator');
  });

  it('rejects values of the wrong shape with a readable message', () => {
    expect(filterSchema.safeParse(rule('between', '1')).error?.issues[0]?.message).toBe(
      '"is between" needs exactly two values',
    );
    expect(filterSchema.safeParse(rule('on', '2024-02-30')).error?.issues[0]?.message).toBe(
      '"is on" needs a day written YYYY-MM-DD',
    );
    expect(
      filterSchema.safeParse(rule('inLast', { amount: 0, unit: 'days' })).error?.issues[0]?.message,
    ).toBe('The amount must be at least 1');
    expect(
      filterSchema.safeParse(rule('inLast', { amount: 3, unit: 'fortnights' })).error?.issues[0]?.message,
    ).toMatch(/unit must be one of minutes, hours/);
  });

  it('keeps relative dates as amount and unit, never as a timestamp', () => {
    const parsed = filterSchema.parse(rule('inLast', { amount: '7', unit: 'days' }));
    expect(parsed.rules[0]).toMatchObject({ value: { amount: 7, unit: 'days' } });
  });

  it('refuses comparisons with another field', () => {
    const result = filterSchema.safeParse({
      combinator: 'and',
      rules: [{ field: 'age', operator: '=', value: 'score', valueSource: 'field' }],
    });
    expect(result.error?.issues[0]?.message).toMatch(/another field is not supported/);
  });

  it('limits depth and size', () => {
    let deep: Record<string, unknown> = { combinator: 'and', rules: [] };
    for (let i = 0; i < filterLimits.maxDepth; i += 1) deep = { combinator: 'and', rules: [deep] };
    expect(filterSchema.safeParse(deep).error?.issues[0]?.message).toMatch(/nested at most/);
    const wide = {
      combinator: 'or',
      rules: Array.from({ length: filterLimits.maxRules + 1 }, () => ({
        field: 'age',
        operator: '=',
        value: 1,
      })),
    };
    expect(filterSchema.safeParse(wide).error?.issues[0]?.message).toMatch(/at most 500 rules/);
  });
});

describe('operatorsByFieldType', () => {
  it('gives every field type operators, all of them known', () => {
    for (const type of fieldTypes) {
      expect(operatorsByFieldType[type].length).toBeGreaterThan(0);
      for (const operator of operatorsByFieldType[type]) expect(filterOperators).toContain(operator);
    }
  });
});

describe('definitionSchema', () => {
  it('is a filter or raw query text', () => {
    expect(definitionSchema.parse({ type: 'query', query: ' select 1 ' })).toEqual({
      type: 'query',
      query: 'select 1',
    });
    expect(definitionSchema.safeParse({ type: 'query', query: '   ' }).error?.issues[0]?.message).toBe(
      'Write a query',
    );
    expect(definitionSchema.safeParse({ type: 'sql', query: 'x' }).success).toBe(false);
  });
});
