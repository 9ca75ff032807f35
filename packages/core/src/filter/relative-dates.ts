import { z } from 'zod';

/**
 * Units of the relative date operators ("in the last 7 days"). The amount and unit
 * are stored in the cohort, never a computed timestamp: the compilers turn them into
 * arithmetic on the database's own clock, so a saved cohort means the same thing at
 * every future campaign run.
 */
export const relativeDateUnits = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;

export type RelativeDateUnit = (typeof relativeDateUnits)[number];

/** Units that make sense on a calendar date column (no time of day). */
export const calendarDateUnits: readonly RelativeDateUnit[] = ['days', 'weeks', 'months', 'years'];

/** Generous but finite: 100,000 days is 270 years; anything bigger is a typo. */
export const maxRelativeAmount = 100_000;

/** The value of a relative date rule, e.g. `{ amount: 7, unit: 'days' }`. */
export const relativeDateValueSchema = z.object({
  amount: z.coerce
    .number({ error: 'The amount must be a whole number' })
    .int('The amount must be a whole number')
    .min(1, 'The amount must be at least 1')
    .max(maxRelativeAmount, `The amount must be at most ${maxRelativeAmount}`),
  unit: z.enum(relativeDateUnits, {
    error: `The unit must be one of ${relativeDateUnits.join(', ')}`,
  }),
});

export type RelativeDateValue = z.infer<typeof relativeDateValueSchema>;
