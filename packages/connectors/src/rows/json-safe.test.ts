import { describe, expect, it } from 'vitest';
import { toJsonSafe } from './json-safe';

describe('toJsonSafe', () => {
  it('turns driver values into JSON without losing them', () => {
    expect(
      toJsonSafe({
        big: 9007199254740993n,
        when: new Date('2024-05-01T12:30:00.123Z'),
        bytes: Buffer.from('hi'),
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        nested: [{ at: new Date(0) }, null, undefined],
      }),
    ).toEqual({
      big: '9007199254740993',
      when: '2024-05-01T12:30:00.123Z',
      bytes: 'aGk=',
      nan: 'NaN',
      inf: 'Infinity',
      nested: [{ at: '1970-01-01T00:00:00.000Z' }, null, null],
    });
  });
});
