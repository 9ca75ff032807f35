import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  ObjectId,
  Timestamp,
  UUID,
} from 'mongodb';
import { describe, expect, it } from 'vitest';
import { documentToRow } from './json-safe-document';

describe('documentToRow', () => {
  it('turns BSON values into the JSON every connector returns, nested values included', () => {
    const row = documentToRow({
      _id: new ObjectId('65a00000c0ffee0000000001'),
      int: new Int32(7),
      double: new Double(2),
      nan: new Double(Number.NaN),
      long: Long.fromString('9007199254740993'),
      small: Long.fromNumber(5),
      decimal: Decimal128.fromString('10.50'),
      at: new Date('2024-05-01T12:30:00.123Z'),
      uuid: new UUID('26399dd3-babe-4076-81df-119049cc816f'),
      bytes: new Binary(Buffer.from('hi')),
      nested: { orders: [{ at: new Date(0), amount: Decimal128.fromString('1.5') }], none: null },
    });
    expect(row).toEqual({
      _id: '65a00000c0ffee0000000001',
      int: 7,
      double: 2,
      nan: 'NaN',
      long: '9007199254740993',
      small: '5',
      decimal: '10.50',
      at: '2024-05-01T12:30:00.123Z',
      uuid: '26399dd3-babe-4076-81df-119049cc816f',
      bytes: 'aGk=',
      nested: { orders: [{ at: '1970-01-01T00:00:00.000Z', amount: '1.5' }], none: null },
    });
    expect(Object.keys(row)[0]).toBe('_id');
  });

  it('gives types JSON has no word for as canonical Extended JSON', () => {
    expect(
      documentToRow({
        pattern: new BSONRegExp('^a', 'i'),
        ts: new Timestamp({ t: 1, i: 2 }),
        max: new MaxKey(),
      }),
    ).toEqual({
      pattern: { $regularExpression: { pattern: '^a', options: 'i' } },
      ts: { $timestamp: { t: 1, i: 2 } },
      max: { $maxKey: 1 },
    });
  });

  it('keeps a stored "__proto__" field as data', () => {
    const document = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const row = documentToRow(document);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__']);
  });
});
