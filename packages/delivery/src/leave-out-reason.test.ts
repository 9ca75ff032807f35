import { describe, expect, it } from 'vitest';
import { leaveOutReason, rejectedValues } from './leave-out-reason';

describe('leaveOutReason', () => {
  const email = { channel: 'email' as const, reason: 'no email', rejected: null };
  const sms = { channel: 'sms' as const, reason: 'sms number has no country code', rejected: '9876500001' };

  it('names every channel, whatever order the mapping listed them in', () => {
    const expected = 'no email; sms number has no country code';
    expect(leaveOutReason([email, sms], { distinctIdMapped: false })).toBe(expected);
    // The order a jsonb column gives the mapping back in ("sms" before "email").
    expect(leaveOutReason([sms, email], { distinctIdMapped: false })).toBe(expected);
  });

  it('says the distinct_id was missing too when one is mapped', () => {
    expect(leaveOutReason([email], { distinctIdMapped: true })).toBe('no email; no distinct_id');
  });

  it('keeps the refused values apart from the reason, by channel', () => {
    expect(rejectedValues([email, sms])).toEqual({ sms: '9876500001' });
    expect(rejectedValues([email])).toBeNull();
  });
});
