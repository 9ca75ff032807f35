import type { RecurringSchedule, ScheduleSpec } from './schedule-spec';
import { weekdayNames } from './schedule-spec';
import { zoneTimeline } from './zone-timeline';

/** One run a schedule will start. */
export interface UpcomingRun {
  /** The moment the run starts. */
  at: Date;
  /**
   * The local slot the run is for, `YYYY-MM-DDTHH:MM` in the schedule's time zone.
   * It names the run: a tick that fires twice for one slot starts one run.
   */
  slot: string;
  /** Why the run is not at its slot's wall-clock time, or happens once where the clock repeats; else null. */
  note: string | null;
}

const dayMs = 86_400_000;
const minuteMs = 60_000;
/** How far ahead a schedule is searched for runs (month day 31 every few months still finds some). */
const horizonDays = 4 * 366;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The runs a schedule starts after `from` (strictly), in order, at most `count`, none
 * before its start date, none beyond its "end after N" (counting `completedRuns`
 * already done) and none after `until`. Previews and the worker's ticks both come
 * from here, so what fires is what the preview showed.
 *
 * Every scheduled local day gets exactly one run per slot, whatever daylight saving
 * does: a slot a forward change skips (00:30 on a day clocks jump from 00:00 to 01:00)
 * runs once at the moment of the change (01:00); a slot a backward change repeats
 * runs once, at its first occurrence. A skipped slot that lands on another slot's
 * moment joins that run rather than starting a second one at the same instant.
 */
export function upcomingRuns(
  spec: ScheduleSpec,
  options: { from?: Date; count?: number; completedRuns?: number; until?: Date } = {},
): UpcomingRun[] {
  const from = (options.from ?? new Date()).getTime();
  const until = options.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const count = options.count ?? 5;
  if (spec.kind === 'once') {
    const run = runAt(spec.at, spec.timeZone, from - dayMs);
    return run.at.getTime() > from && run.at.getTime() <= until && count > 0 ? [run] : [];
  }
  const remaining =
    spec.endAfterRuns === null ? count : Math.max(0, spec.endAfterRuns - (options.completedRuns ?? 0));
  const wanted = Math.min(count, remaining);
  if (wanted <= 0) return [];

  const timeline = zoneTimeline(spec.timeZone, from - 4 * dayMs);
  const slots = slotMinutes(spec);
  // The local day `from` falls on, less one: a slot of the day before can land after
  // `from` when a change moves it. Never before the start date.
  const fromDay = Math.floor(timeline.wallAt(from) / dayMs) - 1;
  const firstDay = Math.max(fromDay, Math.floor(Date.parse(`${spec.startDate}T00:00Z`) / dayMs));
  const runs: UpcomingRun[] = [];
  // Slots landing on one moment (skipped ones moved onto the next) are gathered, then joined.
  let group: UpcomingRun[] = [];
  const flush = () => {
    if (group.length > 0) runs.push(joinRuns(group));
    group = [];
  };
  days: for (let day = firstDay; day < firstDay + horizonDays; day += 1) {
    if (!runsOnDay(spec, day)) continue;
    const date = new Date(day * dayMs).toISOString().slice(0, 10);
    for (const [minutes, time] of slots) {
      const wall = day * dayMs + minutes * minuteMs;
      const run = placeSlot(timeline.resolve(wall), wall, `${date}T${time}`);
      const at = run.at.getTime();
      if (at <= from) continue;
      if (at > until) break days;
      if (group.length > 0 && group[0]!.at.getTime() !== at) flush();
      if (runs.length === wanted) break days;
      group.push(run);
    }
  }
  if (runs.length < wanted) flush();
  return runs;
}

/** The next run times of a schedule (see `upcomingRuns`), as instants only. */
export function nextRunTimes(
  spec: ScheduleSpec,
  options: { from?: Date; count?: number; completedRuns?: number } = {},
): Date[] {
  return upcomingRuns(spec, options).map((run) => run.at);
}

/**
 * The instant a wall-clock time in a time zone happens: its first occurrence when
 * clocks repeat it, the moment of the change when clocks skip it.
 */
export function zonedInstant(localDateTime: string, timeZone: string): Date {
  const wall = Date.parse(`${localDateTime.length === 10 ? `${localDateTime}T00:00` : localDateTime}Z`);
  return runAt(localDateTime, timeZone, wall - 2 * dayMs).at;
}

function runAt(localDateTime: string, timeZone: string, from: number): UpcomingRun {
  const wall = Date.parse(`${localDateTime}Z`);
  const timeline = zoneTimeline(timeZone, Math.min(from, wall - 2 * dayMs));
  return placeSlot(timeline.resolve(wall), wall, new Date(wall).toISOString().slice(0, 16));
}

function placeSlot(
  resolution: ReturnType<ReturnType<typeof zoneTimeline>['resolve']>,
  wall: number,
  slot: string,
): UpcomingRun {
  if (resolution.kind === 'exact') return { at: new Date(resolution.at), slot, note: null };
  const time = slot.slice(11);
  const date = dayInWords(wall);
  switch (resolution.kind) {
    case 'repeated':
      return {
        at: new Date(resolution.at),
        slot,
        note: `${time} happens twice on ${date} (clocks move back); runs once, at the first`,
      };
    case 'skipped': {
      const after = new Date(resolution.wallAfter).toISOString().slice(11, 16);
      const otherDay = Math.floor(resolution.wallAfter / dayMs) !== Math.floor(wall / dayMs);
      return {
        at: new Date(resolution.at),
        slot,
        note: `${time} does not exist on ${date} (clocks move forward); runs at ${after}${
          otherDay ? ` on ${dayInWords(resolution.wallAfter)}` : ''
        }`,
      };
    }
  }
}

/**
 * Slots at one moment (a skipped slot landing on the next): one run, named by the
 * slot that really is then (or the last one, when all were skipped).
 */
function joinRuns(group: UpcomingRun[]): UpcomingRun {
  if (group.length === 1) return group[0]!;
  const kept = group.find((run) => run.note === null) ?? group.at(-1)!;
  const keptTime = kept.slot.slice(11);
  const notes = group.map((run) =>
    run === kept ? run.note : `${run.note ?? run.slot.slice(11)}, with the ${keptTime} run`,
  );
  return { ...kept, note: notes.filter(Boolean).join('; ') };
}

/** Each slot of a scheduled day as minutes after local midnight and `HH:MM`, ascending. */
function slotMinutes(spec: RecurringSchedule): [number, string][] {
  const minutes =
    spec.frequency === 'hour' || (spec.frequency === 'day' && spec.everyHour)
      ? Array.from({ length: 24 }, (_, hour) => hour * 60 + spec.minute)
      : spec.times.map((slot) => {
          const [hour, minute] = slot.split(':').map(Number) as [number, number];
          return hour * 60 + minute;
        });
  return [...new Set(minutes)]
    .sort((a, b) => a - b)
    .map((value) => [value, `${pad(Math.floor(value / 60))}:${pad(value % 60)}`]);
}

/** Whether the schedule runs on a local day (days since 1970-01-01). */
function runsOnDay(spec: RecurringSchedule, day: number): boolean {
  switch (spec.frequency) {
    case 'hour':
    case 'day':
      return true;
    case 'week':
      // Stored before a day was required: an empty list meant every day.
      return spec.weekdays.length === 0 || spec.weekdays.includes(new Date(day * dayMs).getUTCDay());
    case 'month': {
      const dayOfMonth = new Date(day * dayMs).getUTCDate();
      const isLast = new Date((day + 1) * dayMs).getUTCDate() === 1;
      return spec.monthDays.some((chosen) => (chosen === 'last' ? isLast : chosen === dayOfMonth));
    }
  }
}

/** "5 Sep 2027". */
function dayInWords(wall: number): string {
  const date = new Date(wall);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "1 Jan 2030" from a local date `YYYY-MM-DD`. */
export function localDateInWords(localDate: string): string {
  return dayInWords(Date.parse(`${localDate}T00:00Z`));
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

/**
 * The schedule in words with when it starts and ends, for the wizard's review and
 * the campaign's summary: "Every day at 00:30, America/Santiago, starting 1 Jan 2030,
 * ending after 10 runs".
 */
export function describeScheduleWhen(spec: ScheduleSpec): string {
  const words = describeSchedule(spec);
  if (spec.kind === 'once') return words;
  const ending =
    spec.endAfterRuns === null
      ? ''
      : `, ending after ${spec.endAfterRuns} ${spec.endAfterRuns === 1 ? 'run' : 'runs'}`;
  return `${words}, starting ${localDateInWords(spec.startDate)}${ending}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
