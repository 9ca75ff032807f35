import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { RecurringSchedule } from './schedule-spec';
import { type UpcomingRun, upcomingRuns } from './schedule-times';

// Slots around midnight and the early hours, where daylight-saving changes happen.
const slots = ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '23:30'];
const firstDay = '2027-01-01';
const days = 731; // two years: 2027 and 2028
const dayMs = 86_400_000;

const lastDate = new Date(Date.parse(`${firstDay}T00:00Z`) + (days - 1) * dayMs).toISOString().slice(0, 10);
const localDates = Array.from({ length: days }, (_, index) =>
  new Date(Date.parse(`${firstDay}T00:00Z`) + index * dayMs).toISOString().slice(0, 10),
);

describe('every IANA time zone, every early-hours slot, two years of days', () => {
  // Problems are collected and checked once: an `expect` per run would take minutes.
  it('gives exactly one run per slot per local day, in order, at the slot or right after the change that skips it', () => {
    const problems: string[] = [];
    let checkedAgainstIntl = 0;
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      const format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (const time of slots) {
        const where = `${timeZone} ${time}`;
        const runs = dailyRuns(timeZone, [time]);
        // One run per local day, for that day's slot, and nothing else.
        if (runs.length !== localDates.length) problems.push(`${where}: ${runs.length} runs in ${days} days`);
        for (const [index, run] of runs.entries()) {
          if (run.slot !== `${localDates[index]}T${time}`) {
            problems.push(`${where}: run ${index} is for ${run.slot}`);
            break;
          }
          if (index > 0 && run.at <= runs[index - 1]!.at) problems.push(`${where}: ${run.slot} out of order`);
          // Check the moment against Intl on every changed run and on every 61st day.
          if (run.note === null && index % 61 !== 0) continue;
          checkedAgainstIntl += 1;
          const shown = wallClock(format, run.at);
          const before = wallClock(format, new Date(run.at.getTime() - 1));
          if (run.note === null) {
            if (shown !== run.slot) problems.push(`${where}: ${run.slot} runs at ${shown}`);
          } else if (run.note.includes('happens twice')) {
            // The first of the two: an hour (or less) earlier the clock had not reached the slot.
            const hourBefore = wallClock(format, new Date(run.at.getTime() - 3_600_000));
            if (shown !== run.slot || hourBefore >= run.slot)
              problems.push(`${where}: repeated ${run.slot} runs at ${shown}, an hour before ${hourBefore}`);
          } else if (!(shown > run.slot && before < run.slot)) {
            // Skipped: the clock jumped over the slot exactly at this moment.
            problems.push(`${where}: skipped ${run.slot} runs at ${shown} (a moment before: ${before})`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checkedAgainstIntl).toBeGreaterThan(Intl.supportedValuesOf('timeZone').length * slots.length * 12);
  }, 60_000);

  it('with all the slots in one schedule, never starts two runs at one moment and misses no slot of a day', () => {
    const problems: string[] = [];
    // Only a zone whose clocks change in the period can move one slot onto another.
    const changing = Intl.supportedValuesOf('timeZone').filter((timeZone) => {
      const start = Temporal.Instant.from(`${firstDay}T00:00:00Z`).toZonedDateTimeISO(timeZone);
      const change = start.getTimeZoneTransition('next');
      return change !== null && change.epochMilliseconds < Date.parse(`${lastDate}T23:59:59Z`) + dayMs;
    });
    expect(changing).toContain('America/Santiago');
    for (const timeZone of changing) {
      const runs = dailyRuns(timeZone, slots);
      for (let index = 1; index < runs.length; index += 1) {
        if (runs[index]!.at <= runs[index - 1]!.at)
          problems.push(`${timeZone}: ${runs[index]!.slot} out of order`);
      }
      // A slot joined to another's run is named in that run's note.
      const covered = runs.reduce((sum, run) => sum + (run.note?.split(', with the ').length ?? 1), 0);
      if (covered !== days * slots.length) problems.push(`${timeZone}: ${covered} slots covered`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

/** A daily schedule's runs whose slot is on one of the tested local days. */
function dailyRuns(timeZone: string, times: string[]): UpcomingRun[] {
  // Built directly: parsing checks the zone with a new Intl.DateTimeFormat, slow at this count.
  const spec: RecurringSchedule = {
    kind: 'recurring',
    frequency: 'day',
    minute: 0,
    everyHour: false,
    times,
    weekdays: [],
    monthDays: [],
    timeZone,
    startDate: firstDay,
    endAfterRuns: null,
  };
  const start = Date.parse(`${firstDay}T00:00Z`);
  return upcomingRuns(spec, {
    from: new Date(start - 2 * dayMs),
    until: new Date(start + (days + 2) * dayMs),
    count: (days + 2) * times.length,
  }).filter((run) => run.slot.slice(0, 10) <= lastDate);
}

/** The wall-clock time at an instant in a zone, as `Intl` (not the code under test) reads it. */
function wallClock(format: Intl.DateTimeFormat, at: Date): string {
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
