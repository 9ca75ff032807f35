import type { RelativeDateUnit } from '@connect/core';

const day = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `instant` moved by `amount` units in UTC as SQL interval arithmetic does it (month ends clamp). */
export function shiftUtc(instant: Date, amount: number, unit: RelativeDateUnit): Date {
  const fixed = { minutes: 60_000, hours: 3_600_000, days: day, weeks: 7 * day } as const;
  if (unit in fixed) return new Date(instant.getTime() + amount * fixed[unit as keyof typeof fixed]);
  const months = unit === 'years' ? amount * 12 : amount;
  const total = instant.getUTCFullYear() * 12 + instant.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const date = Math.min(instant.getUTCDate(), daysInMonth(year, month));
  const shifted = new Date(instant);
  shifted.setUTCFullYear(year, month, date);
  return shifted;
}

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);

/** A UTC calendar day moved by `amount` units. */
export const shiftDay = (dayText: string, amount: number, unit: RelativeDateUnit) =>
  utcDay(shiftUtc(new Date(`${dayText}T00:00:00Z`), amount, unit));
