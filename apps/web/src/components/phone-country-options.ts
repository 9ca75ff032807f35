'use client';

import { type PhoneCountry, phoneCountries, phoneCountryCallingCode, phoneCountryName } from '@connect/core';
import { useMemo } from 'react';

/** "India (+91)" for IN. */
export function phoneCountryLabel(country: PhoneCountry): string {
  return `${phoneCountryName(country)} (${phoneCountryCallingCode(country)})`;
}

/** Every country a phone default can be, by name, as Select options. */
export function usePhoneCountryOptions(): { value: PhoneCountry; label: string }[] {
  return useMemo(
    () =>
      phoneCountries
        .map((country) => ({ value: country, label: phoneCountryLabel(country) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [],
  );
}
