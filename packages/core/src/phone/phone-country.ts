import { getCountries, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/min';
import { z } from 'zod';
import type { SettingSource } from '../fyno/fyno-settings';

/**
 * The country assumed for phone numbers written without a country code, such as
 * `9876500001` (how many Indian databases store numbers). An ISO 3166 alpha-2 code
 * that libphonenumber knows, e.g. `IN`.
 */
export type PhoneCountry = ReturnType<typeof getCountries>[number];

/** Every country a default can be, as ISO 3166 alpha-2 codes. */
export const phoneCountries: readonly PhoneCountry[] = getCountries();

/** An ISO 3166 alpha-2 country code with phone numbering data, upper-cased (`in` becomes `IN`). */
export const phoneCountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(
    (code) => isSupportedCountry(code),
    'Choose a country by its two-letter ISO code, such as IN, US or GB',
  )
  .transform((code) => code as PhoneCountry);

/** The calling code of a country, e.g. `+91` for `IN`. */
export function phoneCountryCallingCode(country: PhoneCountry): string {
  return `+${getCountryCallingCode(country)}`;
}

/** A country's English name, e.g. "India" for `IN` (the code itself where Intl has no name). */
export function phoneCountryName(country: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** What the Settings form sends: an empty string clears the stored country back to the .env value. */
export const phoneSettingsUpdateSchema = z.object({
  defaultCountry: phoneCountrySchema.or(z.literal('')),
});
export type PhoneSettingsUpdate = z.infer<typeof phoneSettingsUpdateSchema>;

/** The workspace's phone settings as Settings shows them, and where the value comes from. */
export interface PhoneSettingsView {
  /** Null: numbers without a country code are left out. */
  defaultCountry: PhoneCountry | null;
  defaultCountrySource: SettingSource;
}

/** The phone values from .env, which apply where Settings leaves the country empty. */
export const phoneEnvShape = {
  DEFAULT_PHONE_COUNTRY: phoneCountrySchema
    .optional()
    .describe(
      'the two-letter ISO country code assumed for phone numbers written without a country code, such as IN, US or GB',
    ),
};

/** The country from .env, if any. */
export function phoneDefaultsFromEnv(env: { DEFAULT_PHONE_COUNTRY?: PhoneCountry | undefined }): {
  defaultCountry: PhoneCountry | undefined;
} {
  return { defaultCountry: env.DEFAULT_PHONE_COUNTRY };
}
