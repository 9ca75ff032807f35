import type { RelativeDateUnit } from '@connect/core';

const minute = 60_000;
const day = 24 * 60 * minute;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `instant` moved by `amount` units in UTC, the way SQL interval arithmetic does it:
 * calendar months keep the day of month and clamp to the month's end (Mar 31 minus
 * one month is Feb 28/29), which plain `setUTCMonth` does not.
 */
export function shiftUtc(instant: Date, amount: number, unit: RelativeDateUnit): Date {
  switch (unit) {
    case 'minutes':
      return new Date(instant.getTime() + amount * minute);
    case 'hours':
      return new Date(instant.getTime() + amount * 60 * minute);
    case 'days':
      return new Date(instant.getTime() + amount * day);
    case 'weeks':
      return new Date(instant.getTime() + amount * 7 * day);
    case 'months':
    case 'years': {
      const months = unit === 'years' ? amount * 12 : amount;
      const total = instant.getUTCFullYear() * 12 + instant.getUTCMonth() + months;
      const year = Math.floor(total / 12);
      const month = total - year * 12;
      const date = Math.min(instant.getUTCDate(), daysInMonth(year, month));
      return new Date(
        Date.UTC(
          year,
          month,
          date,
          instant.getUTCHours(),
          instant.getUTCMinutes(),
          instant.getUTCSeconds(),
          instant.getUTCMilliseconds(),
        ),
      );
    }
  }
}

/** A calendar day (YYYY-MM-DD) moved by `amount` units. */
export function shiftDay(dayText: string, amount: number, unit: RelativeDateUnit): string {
  return shiftUtc(new Date(`${dayText}T00:00:00Z`), amount, unit)
    .toISOString()
    .slice(0, 10);
}

export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
