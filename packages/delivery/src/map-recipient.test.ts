import type { CampaignMapping } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { createRecipientMapper } from './map-recipient';

const mapping: CampaignMapping = {
  eventName: 'welcome',
  to: { email: 'email', sms: 'phone' },
  data: { first_name: { kind: 'column', column: 'name' }, promo: { kind: 'text', text: 'WELCOME10' } },
  distinctIdColumn: null,
  phoneCountry: null,
};

describe('createRecipientMapper', () => {
  const map = createRecipientMapper(mapping);

  it('builds the Fyno item from the mapped columns and fixed text', () => {
    expect(map({ email: 'ana@example.com', phone: '+14155552671', name: 'Ana' })).toEqual({
      status: 'pending',
      payload: {
        to: { email: 'ana@example.com', sms: '+14155552671' },
        data: { first_name: 'Ana', promo: 'WELCOME10' },
      },
      dedupeKey: JSON.stringify([
        [
          ['email', 'ana@example.com'],
          ['sms', '+14155552671'],
        ],
        null,
      ]),
      reason: null,
      rejected: null,
      viaDefaultCountry: false,
    });
  });

  it('sends on the channels that are valid and drops the others', () => {
    const mapped = map({ email: 'ana@example.com', phone: 'not a phone', name: null });
    expect(mapped.status).toBe('pending');
    expect(mapped.payload).toEqual({
      to: { email: 'ana@example.com' },
      data: { first_name: null, promo: 'WELCOME10' },
    });
  });

  it('marks a row with no usable destination invalid, naming every channel and keeping what was refused', () => {
    expect(map({ email: 'broken', phone: null })).toEqual({
      status: 'invalid',
      payload: null,
      dedupeKey: null,
      reason: 'invalid email; no sms',
      rejected: { email: 'broken' },
    });
    expect(map({})).toMatchObject({ reason: 'no email; no sms', rejected: null });
    expect(map({ email: null, phone: '9876500001' })).toMatchObject({
      reason: 'no email; sms number has no country code',
      rejected: { sms: '9876500001' },
    });
  });

  it('gives the same reason whatever order the mapping lists its channels in', () => {
    // A jsonb column hands the mapping back with "sms" before "email".
    const reordered = createRecipientMapper({ ...mapping, to: { sms: 'phone', email: 'email' } });
    const row = { email: null, phone: '9876500001' };
    expect(reordered(row).reason).toBe(map(row).reason);
  });

  it('reads national numbers in the workspace country unless the campaign chose its own', () => {
    const inIndia = createRecipientMapper(mapping, { workspacePhoneCountry: 'IN' });
    expect(inIndia({ email: null, phone: '9876500001' })).toMatchObject({
      status: 'pending',
      payload: { to: { sms: '+919876500001' } },
      viaDefaultCountry: true,
    });
    const inUs = createRecipientMapper({ ...mapping, phoneCountry: 'US' }, { workspacePhoneCountry: 'IN' });
    expect(inUs({ email: null, phone: '415 555 2671' })).toMatchObject({
      payload: { to: { sms: '+14155552671' } },
    });
  });

  it('gives the same person the same dedupe key however the value was written', () => {
    const a = map({ email: 'Ana@EXAMPLE.com', phone: '+1 415 555 2671' });
    const b = map({ email: 'Ana@example.com', phone: '+14155552671' });
    expect(a.dedupeKey).toBe(b.dedupeKey);
  });

  it('accepts a row with only a distinct_id', () => {
    const byId = createRecipientMapper({
      ...mapping,
      to: { email: 'email' },
      data: {},
      distinctIdColumn: 'user_id',
    });
    expect(byId({ email: null, user_id: 42 })).toMatchObject({
      status: 'pending',
      payload: { distinct_id: '42' },
    });
  });
});
