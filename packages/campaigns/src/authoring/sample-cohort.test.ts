import { describe, expect, it } from 'vitest';
import { sampleDestinations } from './sample-cohort';

describe('sampleDestinations', () => {
  it('shows the first three values as read and as sent, and counts the valid ones among all rows', () => {
    const rows = [
      { phone: '+1 415 555 2671' },
      { phone: 'call me' },
      { phone: null },
      { phone: '+919876543210' },
    ];
    expect(sampleDestinations('sms', 'phone', rows)).toEqual({
      column: 'phone',
      valid: 2,
      madeValidByPhoneCountry: 0,
      examples: [
        { raw: '+1 415 555 2671', ok: true, value: '+14155552671' },
        { raw: 'call me', ok: false, reason: 'invalid sms number' },
        { raw: null, ok: false, reason: 'no sms' },
      ],
    });
  });

  it('counts the numbers the default country made valid', () => {
    const rows = [{ phone: '9876500001' }, { phone: '+919876500002' }, { phone: '98765 00003' }];
    expect(sampleDestinations('sms', 'phone', rows)).toMatchObject({ valid: 1, madeValidByPhoneCountry: 0 });
    expect(sampleDestinations('sms', 'phone', rows, { phoneCountry: 'IN' })).toMatchObject({
      valid: 3,
      madeValidByPhoneCountry: 2,
    });
  });

  it('reads numbers and other values as text', () => {
    expect(sampleDestinations('email', 'id', [{ id: 42 }]).examples).toEqual([
      { raw: '42', ok: false, reason: 'invalid email' },
    ]);
  });
});
