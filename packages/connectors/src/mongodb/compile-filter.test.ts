import { filterSchema } from '@connect/core';
import { Decimal128, Long, ObjectId, UUID, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { checkFilter } from '../filter/check-filter';
import type { BsonKind } from './bson-kinds';
import { compileMongoFilter, escapeRegex, textPattern } from './compile-filter';

const field = (name: string, type: FieldDescriptor['type'], extra: Partial<FieldDescriptor> = {}) => ({
  name,
  type,
  nativeType: type,
  nullable: true,
  filterable: true,
  ...extra,
});

const described: [FieldDescriptor, BsonKind][] = [
  [field('_id', 'id'), 'objectId'],
  [field('external_id', 'id', { format: 'uuid' }), 'uuid'],
  [field('name', 'string'), 'string'],
  [field('visits', 'number', { integer: true }), 'long'],
  [field('balance', 'number'), 'decimal'],
  [field('age', 'number', { integer: true }), 'int'],
  [field('signed_up_at', 'datetime'), 'date'],
  [field('birthday', 'date'), 'dayString'],
  [field('tags', 'array', { elementType: 'string' }), 'array'],
  [field('scores', 'array', { elementType: 'number' }), 'array'],
  [field('profile', 'json'), 'object'],
  [field('orders', 'json'), 'array'],
  [field('orders.sku', 'string'), 'string'],
];
const fields = described.map(([descriptor]) => descriptor);
const kinds = new Map(described.map(([descriptor, kind]) => [descriptor.name, kind]));

function compile(rules: unknown[], options: { combinator?: 'and' | 'or'; not?: boolean } = {}): Document {
  const group = filterSchema.parse({ combinator: options.combinator ?? 'and', not: options.not, rules });
  return compileMongoFilter(checkFilter(group, fields), kinds);
}

const rule = (name: string, operator: string, value?: unknown) => ({ field: name, operator, value });

describe('MongoDB filter compiler', () => {
  it('sends values as the BSON type the field holds', () => {
    const id = '65a00000c0ffee0000000001';
    expect(compile([rule('_id', '=', id)])).toEqual({ _id: { $eq: new ObjectId(id) } });
    expect(compile([rule('external_id', 'in', ['26399DD3-BABE-4076-81DF-119049CC816F'])])).toEqual({
      external_id: { $in: [new UUID('26399dd3-babe-4076-81df-119049cc816f')] },
    });
    expect(compile([rule('signed_up_at', '>', '2024-05-01T10:00:00+02:00')])).toEqual({
      signed_up_at: { $gt: new Date('2024-05-01T08:00:00.000Z') },
    });
    expect(compile([rule('birthday', '<', '1950-01-01')])).toEqual({ birthday: { $lt: '1950-01-01' } });
  });

  it('keeps every digit of large and decimal numbers (never a rounded double)', () => {
    const exact = compile([rule('visits', '=', '9007199254740993')]) as { visits: { $eq: Long } };
    expect(exact.visits.$eq).toBeInstanceOf(Long);
    expect(exact.visits.$eq.toString()).toBe('9007199254740993');
    const decimal = compile([rule('balance', 'between', ['-10.5', '100'])]) as {
      balance: { $gte: Decimal128; $lte: Decimal128 };
    };
    expect(decimal.balance.$gte.toString()).toBe('-10.5');
    expect(decimal.balance.$lte).toBeInstanceOf(Decimal128);
    // Beyond 64 bits an integer still compares exactly, as a decimal.
    const huge = compile([rule('age', '>', '123456789012345678901234')]) as { age: { $gt: unknown } };
    expect(huge.age.$gt).toBeInstanceOf(Decimal128);
    expect(compile([rule('scores', 'containsElement', '7')])).toEqual({ scores: { $elemMatch: { $eq: 7 } } });
  });

  it('refuses an ObjectId that is not one, saying what it should look like', () => {
    let error: unknown;
    try {
      compile([rule('_id', '=', 'abc')]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).reason).toBe('invalid_filter');
    expect((error as ConnectorError).message).toBe(
      "'abc' is not an ObjectId (24 hexadecimal characters) for field _id.",
    );
  });

  it('escapes regular-expression metacharacters, so text matches only itself, in any case', () => {
    const text = 'a.b*c+d?(e)[f]{2}^$|\\g';
    const pattern = (compile([rule('name', 'contains', text)]) as { name: { $regex: string } }).name.$regex;
    expect(pattern).toBe(escapeRegex(text));
    const regex = new RegExp(pattern, 'i');
    expect(regex.test(`xx ${text.toUpperCase()} yy`)).toBe(true);
    expect(regex.test('aXb*c+d?(e)[f]{2}^$|\\g')).toBe(false);
    expect(regex.test('abbbc')).toBe(false);
    expect(compile([rule('name', 'contains', '100%_')])).toEqual({
      name: { $regex: '100%_', $options: 'i' },
    });
  });

  it('anchors begins and ends with, and ends with means the very end', () => {
    const begins = new RegExp(textPattern('+44', 'beginsWith'), 'i');
    expect(begins.test('+44 20 7946')).toBe(true);
    expect(begins.test('0 +44')).toBe(false);
    const ends = new RegExp(textPattern('son', 'endsWith'), 'i');
    expect(ends.test('Emerson')).toBe(true);
    expect(ends.test('EMERSON')).toBe(true);
    expect(ends.test('Emerson\n')).toBe(false);
    expect(ends.test('sonny')).toBe(false);
  });

  it('negates with $nor, so empty values count as not matching', () => {
    expect(compile([rule('name', '!=', 'Ada')])).toEqual({ $nor: [{ name: { $eq: 'Ada' } }] });
    expect(
      compile([rule('name', '=', 'Ada'), rule('age', '>', 30)], { combinator: 'or', not: true }),
    ).toEqual({
      $nor: [{ $or: [{ name: { $eq: 'Ada' } }, { age: { $gt: 30 } }] }],
    });
    expect(compile([])).toEqual({});
    expect(compile([{ combinator: 'or', not: true, rules: [] }])).toEqual({});
  });

  it('tells "empty" from "holds an empty value" for lists', () => {
    expect(compile([rule('name', 'null')])).toEqual({ name: { $eq: null } });
    expect(compile([rule('name', 'notNull')])).toEqual({ name: { $ne: null } });
    expect(compile([rule('tags', 'null')])).toEqual({ tags: { $eq: null, $not: { $type: 'array' } } });
    expect(compile([rule('orders', 'notNull')])).toEqual({
      $nor: [{ orders: { $eq: null, $not: { $type: 'array' } } }],
    });
    expect(compile([rule('tags', 'isNotEmpty')])).toEqual({ tags: { $type: 'array', $not: { $size: 0 } } });
    expect(compile([rule('tags', 'isEmpty')])).toEqual({
      $nor: [{ tags: { $type: 'array', $not: { $size: 0 } } }],
    });
    expect(compile([rule('tags', 'doesNotContainElement', 'vip')])).toEqual({
      $nor: [{ tags: { $elemMatch: { $eq: 'vip' } } }],
    });
    expect(compile([rule('orders.sku', 'beginsWith', 'SKU-1')])).toEqual({
      'orders.sku': { $regex: '^SKU-1', $options: 'i' },
    });
  });

  it('evaluates relative dates on the server clock ($$NOW), never a date frozen into the query', () => {
    expect(compile([rule('signed_up_at', 'inLast', { amount: 7, unit: 'days' })])).toEqual({
      $expr: {
        $and: [
          { $eq: [{ $type: '$signed_up_at' }, 'date'] },
          { $gte: ['$signed_up_at', { $dateSubtract: { startDate: '$$NOW', unit: 'day', amount: 7 } }] },
          { $lte: ['$signed_up_at', '$$NOW'] },
        ],
      },
    });
    expect(compile([rule('signed_up_at', 'inNext', { amount: 3, unit: 'months' })])).toEqual({
      $expr: {
        $and: [
          { $eq: [{ $type: '$signed_up_at' }, 'date'] },
          { $gte: ['$signed_up_at', '$$NOW'] },
          { $lte: ['$signed_up_at', { $dateAdd: { startDate: '$$NOW', unit: 'month', amount: 3 } }] },
        ],
      },
    });
    // Calendar days stored as text compare with the server's current UTC day, as text.
    expect(compile([rule('birthday', 'moreThanAgo', { amount: 2, unit: 'years' })])).toEqual({
      $expr: {
        $and: [
          { $eq: [{ $type: '$birthday' }, 'string'] },
          {
            $lt: [
              '$birthday',
              {
                $dateToString: {
                  date: { $dateSubtract: { startDate: '$$NOW', unit: 'year', amount: 2 } },
                  format: '%Y-%m-%d',
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('compiles a whole day of a date-time as a half-open range', () => {
    expect(compile([rule('signed_up_at', 'on', '2024-02-29')])).toEqual({
      signed_up_at: { $gte: new Date('2024-02-29T00:00:00Z'), $lt: new Date('2024-03-01T00:00:00Z') },
    });
  });
});
