import { Binary, Decimal128, Double, Int32, Long, ObjectId, UUID } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { FieldSampler, isFieldPath } from './infer-fields';

function sample(documents: Record<string, unknown>[], enums = new Map<string, string[]>()) {
  const sampler = new FieldSampler();
  for (const document of documents) sampler.add(document);
  return sampler.fields(enums);
}

const summary = (documents: Record<string, unknown>[], enums?: Map<string, string[]>) =>
  sample(documents, enums).map(({ descriptor, kind }) => ({
    name: descriptor.name,
    type: descriptor.type,
    kind,
    presence: descriptor.presence,
    nullable: descriptor.nullable,
    ...(descriptor.integer !== undefined ? { integer: descriptor.integer } : {}),
    ...(descriptor.elementType ? { elementType: descriptor.elementType } : {}),
    ...(descriptor.format ? { format: descriptor.format } : {}),
    ...(descriptor.enumValues ? { enumValues: descriptor.enumValues } : {}),
  }));

describe('FieldSampler', () => {
  it('flattens embedded documents to dot paths, in document order, with how often each is present', () => {
    expect(
      summary([
        { _id: new ObjectId(), name: 'Ada', address: { city: 'Lisbon', geo: { lat: new Double(38.7) } } },
        { _id: new ObjectId(), name: null, address: { city: 'Osaka' } },
        { _id: new ObjectId(), name: 'Bo' },
        { _id: new ObjectId(), name: 'Cy', address: null },
      ]),
    ).toEqual([
      { name: '_id', type: 'id', kind: 'objectId', presence: 1, nullable: false },
      { name: 'name', type: 'string', kind: 'string', presence: 1, nullable: true },
      { name: 'address', type: 'json', kind: 'object', presence: 0.75, nullable: true },
      { name: 'address.city', type: 'string', kind: 'string', presence: 0.5, nullable: true },
      { name: 'address.geo', type: 'json', kind: 'object', presence: 0.25, nullable: true },
      {
        name: 'address.geo.lat',
        type: 'number',
        kind: 'double',
        presence: 0.25,
        nullable: true,
        integer: false,
      },
    ]);
  });

  it('types each path by the majority of its values, keeping the stored number types', () => {
    const fields = summary([
      { zip: new Int32(1000), visits: Long.fromString('9007199254740993'), score: new Double(2) },
      { zip: new Int32(2000), visits: new Int32(5), score: new Double(3) },
      { zip: 'A-100', balance: Decimal128.fromString('1.10'), at: new Date(), uid: new UUID() },
    ]);
    const byName = new Map(fields.map((field) => [field.name, field]));
    expect(byName.get('zip')).toMatchObject({ type: 'number', kind: 'int', integer: true, presence: 1 });
    // The widest type seen decides how values are sent: Long, so no digit is lost.
    expect(byName.get('visits')).toMatchObject({ type: 'number', kind: 'long', integer: true });
    // A double is a double even when its value is whole.
    expect(byName.get('score')).toMatchObject({ type: 'number', kind: 'double', integer: false });
    expect(byName.get('balance')).toMatchObject({ type: 'number', kind: 'decimal', integer: false });
    expect(byName.get('at')).toMatchObject({ type: 'datetime', kind: 'date' });
    expect(byName.get('uid')).toMatchObject({ type: 'id', kind: 'uuid', format: 'uuid' });
  });

  it('describes arrays of scalars as lists and arrays of documents through their fields', () => {
    expect(
      summary([
        {
          tags: ['vip', 'beta'],
          scores: [new Int32(1), new Double(2.5)],
          orders: [{ sku: 'a', n: new Int32(1) }],
        },
        { tags: [], scores: [], orders: [{ sku: 'b' }, { sku: 'c', n: new Int32(2) }] },
        { tags: null, orders: [] },
      ]),
    ).toEqual([
      { name: 'tags', type: 'array', kind: 'array', presence: 1, nullable: true, elementType: 'string' },
      {
        name: 'scores',
        type: 'array',
        kind: 'array',
        presence: 0.6667,
        nullable: true,
        elementType: 'number',
      },
      { name: 'orders', type: 'json', kind: 'array', presence: 1, nullable: false },
      { name: 'orders.sku', type: 'string', kind: 'string', presence: 0.6667, nullable: true },
      { name: 'orders.n', type: 'number', kind: 'int', presence: 0.6667, nullable: true, integer: true },
    ]);
  });

  it('recognises calendar days stored as text, and enums declared by the validator', () => {
    const fields = summary(
      [
        { birthday: '1990-05-01', plan: 'pro', note: '2024-01-01' },
        { birthday: null, plan: 'free', note: 'soon' },
      ],
      new Map([['plan', ['free', 'pro', 'enterprise']]]),
    );
    expect(fields).toEqual([
      { name: 'birthday', type: 'date', kind: 'dayString', presence: 1, nullable: true },
      {
        name: 'plan',
        type: 'enum',
        kind: 'string',
        presence: 1,
        nullable: false,
        enumValues: ['free', 'pro', 'enterprise'],
      },
      { name: 'note', type: 'string', kind: 'string', presence: 1, nullable: false },
    ]);
  });

  it('places a field first seen in a later document after its neighbour there', () => {
    const names = sample([
      { a: 1, c: 3 },
      { a: 1, b: 2, c: 3 },
      { c: 3, d: 4 },
    ]).map((field) => field.descriptor.name);
    expect(names).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives the same order whatever order the sample arrives in', () => {
    // Like real documents, each one lacks some fields, but every neighbouring pair appears together somewhere.
    const documents = [
      { id: 1, orders: [] },
      { id: 2, orders: [], lucky: [1] },
      { id: 3, orders: [{ sku: 'a', at: 1 }], lucky: [] },
      { id: 4, address: { city: 'x', geo: { lat: 1, lng: 2 }, zip: 'y' } },
      { id: 5, address: { zip: 'y' }, orders: [] },
      { id: 6, address: { geo: { lng: 3 } } },
    ];
    const expected = [
      'id',
      'address',
      'address.city',
      'address.geo',
      'address.geo.lat',
      'address.geo.lng',
      'address.zip',
      'orders',
      'orders.sku',
      'orders.at',
      'lucky',
    ];
    for (const order of [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [1, 2, 0, 4, 3, 5],
      [2, 5, 1, 4, 0, 3],
    ])
      expect(
        sample(order.map((index) => documents[index]!)).map((field) => field.descriptor.name),
        String(order),
      ).toEqual(expected);
  });

  it('skips keys a query cannot name, and offers no filter on binary data', () => {
    const fields = sample([{ 'a.b': 1, $weird: 2, bytes: new Binary(Buffer.from('x')) }]);
    expect(fields.map((field) => [field.descriptor.name, field.descriptor.filterable])).toEqual([
      ['bytes', false],
    ]);
    expect(isFieldPath('address.city')).toBe(true);
    expect(isFieldPath('address..city')).toBe(false);
    expect(isFieldPath('a.$where')).toBe(false);
    expect(isFieldPath('')).toBe(false);
  });
});
