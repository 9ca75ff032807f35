import { AppError } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { formatSourceId, parseSourceId } from './source-ref';

describe('source ids', () => {
  it('round-trip any schema and name through a URL-safe string', () => {
    for (const ref of [
      { schema: 'public', name: 'users' },
      { schema: 'my.schema', name: 'we/ird name' },
      { schema: 'ünï', name: '%2E."x"' },
      { name: 'events' },
    ]) {
      const id = formatSourceId(ref);
      expect(encodeURIComponent(id)).toBe(id.replaceAll('%', '%25'));
      expect(parseSourceId(id)).toEqual(ref);
    }
    expect(formatSourceId({ schema: 'public', name: 'users' })).toBe('public.users');
  });

  it('refuses ids that are not one', () => {
    for (const id of ['', 'a.b.c', '.x', '%E0%A4%A']) expect(() => parseSourceId(id)).toThrow(AppError);
  });
});
