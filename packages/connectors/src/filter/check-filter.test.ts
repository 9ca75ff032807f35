import { filterSchema } from '@connect/core';
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { checkFilter } from './check-filter';

const fields: FieldDescriptor[] = [
  { name: 'age', type: 'number', nativeType: 'integer', nullable: true, filterable: true, integer: true },
  { name: 'visits', type: 'number', nativeType: 'bigint', nullable: false, filterable: true, integer: true },
  { name: 'balance', type: 'number', nativeType: 'numeric', nullable: true, filterable: true },
  { name: 'seen_at', type: 'datetime', nativeType: 'timestamptz', nullable: true, filterable: true },
  { name: 'born_on', type: 'date', nativeType: 'date', nullable: true, filterable: true },
  { name: 'ext', type: 'id', nativeType: 'uuid', nullable: false, filterable: true, format: 'uuid' },
  { name: 'shape', type: 'string', nativeType: 'geometry', nullable: true, filterable: false },
];

const check = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  checkFilter(filterSchema.parse({ combinator: 'and', rules, ...extra }), fields);
const only = (rule: Record<string, unknown>) => check([rule]).children[0];

function refusal(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkFilter', () => {
  it('keeps big integers as exact text and small numbers as numbers', () => {
    expect(only({ field: 'visits', operator: '>', value: '9007199254740993' })).toMatchObject({
      condition: { op: '>', value: '9007199254740993' },
    });
    expect(only({ field: 'age', operator: '=', value: ' 42 ' })).toMatchObject({
      condition: { op: '=', value: 42 },
    });
    expect(only({ field: 'balance', operator: '<', value: '12345678901234567.25' })).toMatchObject({
      condition: { value: '12345678901234567.25' },
    });
  });

  it('rewrites negative operators as a negated positive condition', () => {
    expect(only({ field: 'age', operator: 'notBetween', value: [40, 30] })).toMatchObject({
      negated: true,
      condition: { op: 'between', low: 30, high: 40 },
    });
  });

  it('turns on/before/after into whole UTC days', () => {
    expect(only({ field: 'seen_at', operator: 'on', value: '2024-02-29' })).toMatchObject({
      condition: { op: 'halfOpen', from: '2024-02-29T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' },
    });
    expect(only({ field: 'seen_at', operator: 'after', value: '2024-12-31' })).toMatchObject({
      condition: { op: '>=', value: '2025-01-01T00:00:00.000Z' },
    });
    expect(only({ field: 'born_on', operator: 'before', value: '2000-01-01' })).toMatchObject({
      condition: { op: '<', value: '2000-01-01' },
    });
  });

  it('reads date-times with offsets, or as UTC without one', () => {
    expect(only({ field: 'seen_at', operator: '>', value: '2024-05-01T14:30:00+0200' })).toMatchObject({
      condition: { value: '2024-05-01T12:30:00.000Z' },
    });
    expect(only({ field: 'seen_at', operator: '>', value: '2024-05-01 14:30' })).toMatchObject({
      condition: { value: '2024-05-01T14:30:00.000Z' },
    });
  });

  it('lower-cases uuids so any spelling matches', () => {
    expect(
      only({ field: 'ext', operator: '=', value: 'B76076E7-5F29-438F-960C-E9323F7F4D92' }),
    ).toMatchObject({
      condition: { value: 'b76076e7-5f29-438f-960c-e9323f7f4d92' },
    });
  });

  it('reports every problem at once, keyed by rule id or path', () => {
    const error = refusal(() =>
      check([
        { id: 'r1', field: 'age', operator: '=', value: 'abc' },
        { combinator: 'or', rules: [{ field: 'nope', operator: '=', value: 1 }] },
        { field: 'shape', operator: 'null' },
      ]),
    );
    expect(error.reason).toBe('invalid_filter');
    expect(error.message).toBe("'abc' is not a number for field age (and 2 more).");
    expect(error.fieldErrors).toEqual({
      r1: "'abc' is not a number for field age",
      'rules.1.rules.0': 'There is no field "nope" here; choose one from the list',
      'rules.2': 'Field shape (geometry) cannot be used in a filter',
    });
  });

  it('ignores disabled rules and empty groups', () => {
    const checked = check([
      { field: 'age', operator: '=', value: 'abc', disabled: true },
      { combinator: 'and', not: true, rules: [] },
    ]);
    expect(checked.children).toEqual([]);
  });
});
