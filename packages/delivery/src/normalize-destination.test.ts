import { describe, expect, it } from 'vitest';
import { normalizeDestination } from './normalize-destination';

describe('normalizeDestination', () => {
  it('formats phone numbers as E.164 and rejects impossible ones', () => {
    expect(normalizeDestination('sms', '+1 (415) 555-2671')).toEqual({ ok: true, value: '+14155552671' });
    expect(normalizeDestination('whatsapp', '+91 98765 43210')).toEqual({ ok: true, value: '+919876543210' });
    expect(normalizeDestination('sms', '0091 98765 43210')).toEqual({ ok: true, value: '+919876543210' });
    expect(normalizeDestination('voice', '+12345')).toEqual({ ok: false, reason: 'invalid voice number' });
    expect(normalizeDestination('sms', '+91 12')).toEqual({ ok: false, reason: 'invalid sms number' });
  });

  it('reads numbers without a country code in the default country, and says so', () => {
    for (const national of ['9876500001', '09876500001', '98765 00001', 9876500001]) {
      expect(normalizeDestination('sms', national, { defaultCountry: 'IN' })).toEqual({
        ok: true,
        value: '+919876500001',
        viaDefaultCountry: true,
      });
    }
    // A number with its country code is read as written, whatever the default.
    expect(normalizeDestination('sms', '+1 415 555 2671', { defaultCountry: 'IN' })).toEqual({
      ok: true,
      value: '+14155552671',
    });
    expect(normalizeDestination('voice', '12345', { defaultCountry: 'IN' })).toEqual({
      ok: false,
      reason: 'invalid voice number',
    });
  });

  it('refuses a number without a country code when there is no default, naming the problem', () => {
    expect(normalizeDestination('sms', '9876500001')).toEqual({
      ok: false,
      reason: 'sms number has no country code',
    });
    expect(normalizeDestination('whatsapp', 14155552671)).toEqual({
      ok: false,
      reason: 'whatsapp number has no country code',
    });
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
