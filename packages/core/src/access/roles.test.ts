import { describe, expect, it } from 'vitest';
import { can } from './roles';

describe('can', () => {
  it('lets a viewer read and nothing else', () => {
    expect(can('viewer', 'read')).toBe(true);
    expect(can('viewer', 'edit')).toBe(false);
    expect(can('viewer', 'runRawQueries')).toBe(false);
    expect(can('viewer', 'manageUsers')).toBe(false);
  });

  it('lets an editor edit but not manage users or settings', () => {
    expect(can('editor', 'edit')).toBe(true);
    expect(can('editor', 'runRawQueries')).toBe(true);
    expect(can('editor', 'manageSettings')).toBe(false);
    expect(can('editor', 'readAudit')).toBe(false);
  });

  it('lets an owner do everything', () => {
    for (const p of ['read', 'edit', 'manageSettings', 'manageUsers', 'readAudit'] as const) {
      expect(can('owner', p)).toBe(true);
    }
  });
});
