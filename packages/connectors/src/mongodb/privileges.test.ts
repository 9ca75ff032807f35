import { describe, expect, it } from 'vitest';
import { mongoRoleWarnings } from './privileges';

describe('mongoRoleWarnings', () => {
  it('read and readAnyDatabase are fine', () => {
    expect(
      mongoRoleWarnings(
        [
          { role: 'read', db: 'shop' },
          { role: 'readAnyDatabase', db: 'admin' },
        ],
        [{ resource: { db: 'shop', collection: '' }, actions: ['find', 'listCollections'] }],
      ),
    ).toEqual([]);
  });

  it('names built-in roles beyond read', () => {
    const [warning] = mongoRoleWarnings([{ role: 'readWrite', db: 'shop' }], []);
    expect(warning?.message).toBe(
      'This user has the role readWrite on shop: beyond reading, it can change data.',
    );
  });

  it("judges the company's own roles by the actions they allow", () => {
    const reads = [{ resource: { db: 'shop', collection: '' }, actions: ['find', 'collStats'] }];
    expect(mongoRoleWarnings([{ role: 'analyst', db: 'shop' }], reads)).toEqual([]);
    const [warning] = mongoRoleWarnings(
      [{ role: 'etl', db: 'shop' }],
      [{ resource: { db: 'shop', collection: 'orders' }, actions: ['find', 'insert', 'remove'] }],
    );
    expect(warning?.message).toBe(
      "This user's role etl on shop allows more than reading: insert and remove.",
    );
  });
});
