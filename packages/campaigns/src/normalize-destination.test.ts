import { describe, expect, it } from 'vitest';
import { normalizeDestination } from './normalize-destination';

describe('normalizeDestination', () => {
  it('formats phone numbers as E.164 and rejects impossible ones', () => {
    expect(normalizeDestination('sms', '+1 (415) 555-2671')).toEqual({ ok: true, value: '+14155552671' });
    expect(normalizeDestination('whatsapp', '+91 98765 43210')).toEqual({ ok: true, value: '+919876543210' });
    expect(normalizeDestination('sms', '09876543210', { defaultCountry: 'IN' })).toEqual({
      ok: true,
      value: '+919876543210',
    });
    expect(normalizeDestination('voice', '12345')).toEqual({ ok: false, reason: 'invalid phone number' });
    expect(normalizeDestination('sms', '9876543210')).toEqual({ ok: false, reason: 'invalid phone number' });
    expect(normalizeDestination('sms', 14155552671)).toEqual({ ok: false, reason: 'invalid phone number' });
  });

  it('trims emails, lower-cases the domain and rejects undeliverable ones', () => {
    expect(normalizeDestination('email', '  Ana.Maria@Example.COM ')).toEqual({
      ok: true,
      value: 'Ana.Maria@example.com',
    });
    expect(normalizeDestination('email', 'josé@exämple.de')).toEqual({ ok: true, value: 'josé@exämple.de' });
    for (const bad of ['no-at-sign', 'a@b', 'two words@example.com', 'a@@example.com']) {
      expect(normalizeDestination('email', bad)).toEqual({ ok: false, reason: 'invalid email' });
    }
  });

  it('says a value is missing rather than invalid', () => {
    expect(normalizeDestination('email', null)).toEqual({ ok: false, reason: 'no email' });
    expect(normalizeDestination('sms', '   ')).toEqual({ ok: false, reason: 'no sms' });
  });

  it('keeps known push token prefixes and refuses unknown ones', () => {
    expect(normalizeDestination('push', 'fcm_token:abc123')).toEqual({ ok: true, value: 'fcm_token:abc123' });
    expect(normalizeDestination('push', 'dGhpcyBpcyBhIHRva2Vu')).toEqual({
      ok: true,
      value: 'dGhpcyBpcyBhIHRva2Vu',
    });
    expect(normalizeDestination('push', 'apns_token:abc')).toEqual({
      ok: false,
      reason: 'unknown push token prefix',
    });
  });
});
