import { CronExpressionParser } from 'cron-parser';
import type { MonthDay, RecurringSchedule, ScheduleSpec } from './schedule-spec';
import { weekdayNames } from './schedule-spec';

/**
 * The cron patterns a recurring schedule runs on, in its time zone. Slots at
 * different minutes need patterns of their own (13:00 and 16:30 cannot share one),
 * so there is one pattern per distinct minute. Cron's own rules give the behaviour
 * the UI documents: a day a month lacks (the 31st in April) is skipped; `last`
 * is the month's last day; a time that a spring-forward day skips runs once, shifted
 * by the gap (02:30 becomes 03:30); a time a fall-back day repeats runs once.
 */
export function cronPatterns(spec: RecurringSchedule): string[] {
  const days = spec.frequency === 'month' ? spec.monthDays.map(monthDayField).join(',') : '*';
  const weekdays =
    spec.frequency === 'week' && spec.weekdays.length > 0 ? [...spec.weekdays].sort().join(',') : '*';
  if (spec.frequency === 'hour' || (spec.frequency === 'day' && spec.everyHour)) {
    return [`${spec.minute} * * * *`];
  }
  const hoursByMinute = new Map<number, number[]>();
  for (const slot of [...new Set(spec.times)]) {
    const [hour, minute] = slot.split(':').map(Number) as [number, number];
    hoursByMinute.set(minute, [...(hoursByMinute.get(minute) ?? []), hour]);
  }
  return [...hoursByMinute]
    .sort(([a], [b]) => a - b)
    .map(([minute, hours]) => `${minute} ${hours.sort((a, b) => a - b).join(',')} ${days} * ${weekdays}`);
}

function monthDayField(day: MonthDay): string {
  return day === 'last' ? 'L' : String(day);
}

/**
 * The instant a wall-clock time in a time zone happens (its first occurrence; a time
 * skipped by a spring-forward change is shifted forward by the gap, as cron does).
 */
export function zonedInstant(localDateTime: string, timeZone: string): Date {
  const [date, time = '00:00'] = localDateTime.split('T') as [string, string?];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Start two days early (any offset is within ±14 h) and let cron find the moment.
  const from = new Date(Date.UTC(year, month - 1, day) - 2 * 86_400_000);
  const iterator = CronExpressionParser.parse(`${minute} ${hour} ${day} ${month} *`, {
    tz: timeZone,
    currentDate: from,
  });
  return iterator.next().toDate();
}

/**
 * The next run times of a schedule after `from`, at most `count`, none before its
 * start date, and none beyond its "end after N" (counting `completedRuns` already done).
 */
export function nextRunTimes(
  spec: ScheduleSpec,
  options: { from?: Date; count?: number; completedRuns?: number } = {},
): Date[] {
  const from = options.from ?? new Date();
  const count = options.count ?? 5;
  if (spec.kind === 'once') {
    const at = zonedInstant(spec.at, spec.timeZone);
    return at > from ? [at] : [];
  }
  const remaining =
    spec.endAfterRuns === null ? count : Math.max(0, spec.endAfterRuns - (options.completedRuns ?? 0));
  const wanted = Math.min(count, remaining);
  if (wanted === 0) return [];
  const start = zonedInstant(`${spec.startDate}T00:00`, spec.timeZone);
  const begin = new Date(Math.max(from.getTime(), start.getTime() - 1));
  const times = cronPatterns(spec).flatMap((pattern) => {
    const iterator = CronExpressionParser.parse(pattern, { tz: spec.timeZone, currentDate: begin });
    return Array.from({ length: wanted }, () => iterator.next().toDate());
  });
  const unique = [...new Map(times.map((time) => [time.getTime(), time])).values()];
  return unique.sort((a, b) => a.getTime() - b.getTime()).slice(0, wanted);
}

/** The schedule in words, for lists: "Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata". */
export function describeSchedule(spec: ScheduleSpec): string {
  if (spec.kind === 'once') return `Once, on ${spec.at.replace('T', ' at ')}, ${spec.timeZone}`;
  const at = ` at ${joinWords(spec.times)}`;
  let words: string;
  switch (spec.frequency) {
    case 'hour':
      words = `Every hour at ${pad(spec.minute)} minutes past`;
      break;
    case 'day':
      words = spec.everyHour ? `Every hour at ${pad(spec.minute)} minutes past` : `Every day${at}`;
      break;
    case 'week':
      words =
        spec.weekdays.length === 0 || spec.weekdays.length === 7
          ? `Every day${at}`
          : `Every ${joinWords([...spec.weekdays].sort().map((day) => weekdayNames[day]!))}${at}`;
      break;
    case 'month':
      words = `Every month on ${joinWords(spec.monthDays.map((day) => (day === 'last' ? 'the last day' : `day ${day}`)))}${at}`;
      break;
  }
  return `${words}, ${spec.timeZone}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
