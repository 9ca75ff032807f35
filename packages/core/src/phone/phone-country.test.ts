import { describe, expect, it } from 'vitest';
import {
  phoneCountryCallingCode,
  phoneCountryName,
  phoneCountrySchema,
  phoneEnvShape,
  phoneSettingsUpdateSchema,
} from './phone-country';
import { parseEnv } from '../config/env';

describe('phone country', () => {
  it('accepts ISO codes libphonenumber knows, in any case', () => {
    expect(phoneCountrySchema.parse('IN')).toBe('IN');
    expect(phoneCountrySchema.parse(' gb ')).toBe('GB');
    expect(phoneCountrySchema.safeParse('ZZ').success).toBe(false);
    expect(phoneCountrySchema.safeParse('India').success).toBe(false);
  });

  it('names the country and its calling code', () => {
    expect(phoneCountryName('IN')).toBe('India');
    expect(phoneCountryCallingCode('IN')).toBe('+91');
  });

  it('lets Settings clear the country with an empty string', () => {
    expect(phoneSettingsUpdateSchema.parse({ defaultCountry: '' })).toEqual({ defaultCountry: '' });
    expect(phoneSettingsUpdateSchema.safeParse({ defaultCountry: 'XX' }).success).toBe(false);
  });

  it('validates DEFAULT_PHONE_COUNTRY at boot with a hint', () => {
    expect(parseEnv(phoneEnvShape, { DEFAULT_PHONE_COUNTRY: 'in' })).toEqual({ DEFAULT_PHONE_COUNTRY: 'IN' });
    expect(parseEnv(phoneEnvShape, { DEFAULT_PHONE_COUNTRY: '' })).toEqual({});
    expect(() => parseEnv(phoneEnvShape, { DEFAULT_PHONE_COUNTRY: 'Indiaa' })).toThrow(
      /DEFAULT_PHONE_COUNTRY is not valid: the two-letter ISO country code/,
    );
  });
});
