import { z } from 'zod';

export const scheduleFrequencies = ['hour', 'day', 'week', 'month'] as const;
export type ScheduleFrequency = (typeof scheduleFrequencies)[number];

/** 0 = Sunday, as cron counts. */
export const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const timeZone = z.string().refine(isTimeZone, 'Choose a time zone from the list');
const timeSlot = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM, such as 09:30');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD');
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'A date and time is YYYY-MM-DDTHH:MM');

/** A day of the month, or `last` for the last day of every month. */
export const monthDaySchema = z.union([z.number().int().min(1).max(31), z.literal('last')]);
export type MonthDay = z.infer<typeof monthDaySchema>;

export const recurringScheduleSchema = z
  .object({
    kind: z.literal('recurring'),
    frequency: z.enum(scheduleFrequencies),
    /** Hour, and Day with `everyHour`: the minute past each hour. */
    minute: z.number().int().min(0).max(59).default(0),
    /** Day: every hour instead of chosen times. */
    everyHour: z.boolean().default(false),
    /** Day, Week and Month: the times of day. */
    times: z.array(timeSlot).max(24).default([]),
    /** Week: the days it runs on, at least one (all seven for every day). */
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
    /** Month: the days of the month. */
    monthDays: z.array(monthDaySchema).max(32).default([]),
    timeZone,
    /** The first day runs may happen, in the schedule's time zone. */
    startDate: localDate,
    /** Stop after this many completed runs; null for never. */
    endAfterRuns: z.number().int().min(1).max(10_000).nullable().default(null),
  })
  .superRefine((spec, ctx) => {
    const needsTimes =
      spec.frequency === 'week' ||
      spec.frequency === 'month' ||
      (spec.frequency === 'day' && !spec.everyHour);
    if (needsTimes && spec.times.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['times'], message: 'Choose at least one time of day' });
    }
    if (spec.frequency === 'week' && spec.weekdays.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'Choose at least one day of the week' });
    }
    if (spec.frequency === 'month' && spec.monthDays.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['monthDays'], message: 'Choose at least one day of the month' });
    }
  });

export const scheduleSpecSchema = z.discriminatedUnion('kind', [
  /** One run at a chosen moment. */
  z.object({ kind: z.literal('once'), at: localDateTime, timeZone }),
  recurringScheduleSchema,
]);

export type RecurringSchedule = z.output<typeof recurringScheduleSchema>;
export type ScheduleSpec = z.output<typeof scheduleSpecSchema>;
export type ScheduleSpecInput = z.input<typeof scheduleSpecSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
