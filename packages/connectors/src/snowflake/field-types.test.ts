import { describe, expect, it } from 'vitest';
import { refineFromSample, snowflakeField, type SnowflakeColumn } from './field-types';

const column = (dataType: string, extra: Partial<SnowflakeColumn> = {}): SnowflakeColumn => ({
  name: 'c',
  dataType,
  nullable: true,
  maxLength: null,
  precision: null,
  scale: null,
  ...extra,
});

describe('Snowflake column types', () => {
  it('maps catalog types to filter types, with DDL-style names for display', () => {
    const mapped = (dataType: string, extra?: Partial<SnowflakeColumn>) => {
      const field = snowflakeField(column(dataType, extra));
      return [field.type, field.nativeType, field.integer ?? false, field.filterable];
    };
    expect(mapped('NUMBER', { precision: 38, scale: 0 })).toEqual(['number', 'NUMBER(38,0)', true, true]);
    expect(mapped('NUMBER', { precision: 12, scale: 2 })).toEqual(['number', 'NUMBER(12,2)', false, true]);
    expect(mapped('FLOAT')).toEqual(['number', 'FLOAT', false, true]);
    expect(mapped('TEXT', { maxLength: 16_777_216 })).toEqual(['string', 'VARCHAR', false, true]);
    expect(mapped('TEXT', { maxLength: 36 })).toEqual(['string', 'VARCHAR(36)', false, true]);
    expect(mapped('BOOLEAN')).toEqual(['boolean', 'BOOLEAN', false, true]);
    expect(mapped('DATE')).toEqual(['date', 'DATE', false, true]);
    for (const type of ['TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ'])
      expect(mapped(type)).toEqual(['datetime', type, false, true]);
    for (const type of ['VARIANT', 'OBJECT']) expect(mapped(type)).toEqual(['json', type, false, true]);
    expect(mapped('ARRAY')).toEqual(['array', 'ARRAY', false, true]);
    for (const type of ['BINARY', 'GEOGRAPHY', 'TIME', 'VECTOR'])
      expect(mapped(type)).toEqual(['string', type, false, false]);
  });

  it('recognises UUID text and number arrays from a sample, and nothing from an empty one', () => {
    const fields = [
      snowflakeField({ ...column('TEXT'), name: 'ext' }),
      snowflakeField({ ...column('TEXT'), name: 'email' }),
      snowflakeField({ ...column('ARRAY'), name: 'lucky' }),
      snowflakeField({ ...column('ARRAY'), name: 'tags' }),
      snowflakeField({ ...column('TEXT'), name: 'empty' }),
    ];
    refineFromSample(fields, [
      {
        ext: '0F26EC89-7E9B-458B-9418-B7F3433814A9',
        email: 'a@example.com',
        lucky: [1, 2],
        tags: ['x'],
        empty: null,
      },
      { ext: 'df073071-64c6-489b-bd94-8a75923d1e84', email: null, lucky: [], tags: [1, 'y'], empty: null },
      { ext: null, email: 'b@example.com', lucky: null, tags: null, empty: null },
    ]);
    expect(fields.map((field) => [field.name, field.type, field.format, field.elementType])).toEqual([
      ['ext', 'id', 'uuid', undefined],
      ['email', 'string', undefined, undefined],
      ['lucky', 'array', undefined, 'number'],
      ['tags', 'array', undefined, 'string'],
      ['empty', 'string', undefined, undefined],
    ]);
  });
});
