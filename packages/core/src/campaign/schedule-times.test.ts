import { describe, expect, it } from 'vitest';
import { recurringScheduleSchema, type RecurringSchedule, scheduleSpecSchema } from './schedule-spec';
import {
  describeSchedule,
  describeScheduleWhen,
  nextRunTimes,
  upcomingRuns,
  zonedInstant,
} from './schedule-times';

const recurring = (spec: Partial<RecurringSchedule> & Pick<RecurringSchedule, 'frequency' | 'timeZone'>) =>
  recurringScheduleSchema.parse({ kind: 'recurring', startDate: '2026-01-01', ...spec });

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('nextRunTimes around daylight-saving changes', () => {
  it('America/New_York spring forward: 02:30 does not exist on 8 March, so that day runs once at 03:00', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'America/New_York', times: ['02:30'] });
    expect(upcomingRuns(spec, { from: new Date('2026-03-06T12:00:00Z'), count: 3 })).toEqual([
      { at: new Date('2026-03-07T07:30:00.000Z'), slot: '2026-03-07T02:30', note: null }, // 02:30 EST
      {
        at: new Date('2026-03-08T07:00:00.000Z'), // 03:00 EDT, the moment of the change
        slot: '2026-03-08T02:30',
        note: '02:30 does not exist on 8 Mar 2026 (clocks move forward); runs at 03:00',
      },
      { at: new Date('2026-03-09T06:30:00.000Z'), slot: '2026-03-09T02:30', note: null }, // 02:30 EDT
    ]);
  });

  it('America/New_York fall back: 01:30 happens twice on 1 November and runs once', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'America/New_York', times: ['01:30'] });
    expect(upcomingRuns(spec, { from: new Date('2026-10-31T12:00:00Z'), count: 2 })).toEqual([
      {
        at: new Date('2026-11-01T05:30:00.000Z'), // 01:30 EDT, not again at 01:30 EST
        slot: '2026-11-01T01:30',
        note: '01:30 happens twice on 1 Nov 2026 (clocks move back); runs once, at the first',
      },
      { at: new Date('2026-11-02T06:30:00.000Z'), slot: '2026-11-02T01:30', note: null },
    ]);
  });

  it('America/Santiago: 00:30 on 5 Sep 2027 (clocks jump from 00:00 to 01:00) runs at 01:00, and no day is missed', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'America/Santiago', times: ['00:30'] });
    const runs = upcomingRuns(spec, { from: new Date('2027-09-03T00:00:00Z'), count: 4 });
    expect(runs.map((run) => run.slot)).toEqual([
      '2027-09-03T00:30',
      '2027-09-04T00:30',
      '2027-09-05T00:30',
      '2027-09-06T00:30',
    ]);
    expect(runs[2]).toEqual({
      at: new Date('2027-09-05T04:00:00.000Z'), // 01:00 -03
      slot: '2027-09-05T00:30',
      note: '00:30 does not exist on 5 Sep 2027 (clocks move forward); runs at 01:00',
    });
    expect(runs.filter((run) => run.note !== null)).toHaveLength(1);
  });

  it('Australia/Lord_Howe: a half-hour change skips 02:00-02:30 in October and repeats 01:30-02:00 in April', () => {
    const spring = recurring({ frequency: 'day', timeZone: 'Australia/Lord_Howe', times: ['02:15'] });
    const [, moved] = upcomingRuns(spring, { from: new Date('2026-10-02T00:00:00Z'), count: 2 });
    expect(moved).toEqual({
      at: new Date('2026-10-03T15:30:00.000Z'), // 02:30 +11
      slot: '2026-10-04T02:15',
      note: '02:15 does not exist on 4 Oct 2026 (clocks move forward); runs at 02:30',
    });
    const autumn = recurring({ frequency: 'day', timeZone: 'Australia/Lord_Howe', times: ['01:45'] });
    const [, repeated, after] = upcomingRuns(autumn, { from: new Date('2027-04-02T00:00:00Z'), count: 3 });
    expect(repeated).toEqual({
      at: new Date('2027-04-03T14:45:00.000Z'), // the first 01:45, at +11
      slot: '2027-04-04T01:45',
      note: '01:45 happens twice on 4 Apr 2027 (clocks move back); runs once, at the first',
    });
    expect(after?.at).toEqual(new Date('2027-04-04T15:15:00.000Z')); // 01:45 +10:30
  });

  it('an hourly schedule on a spring-forward day joins the skipped hour to the next, never two runs at once', () => {
    const spec = recurring({ frequency: 'hour', timeZone: 'America/New_York', minute: 0 });
    const runs = upcomingRuns(spec, { from: new Date('2026-03-08T05:30:00Z'), count: 3 });
    expect(runs).toEqual([
      { at: new Date('2026-03-08T06:00:00.000Z'), slot: '2026-03-08T01:00', note: null },
      {
        at: new Date('2026-03-08T07:00:00.000Z'),
        slot: '2026-03-08T03:00',
        note: '02:00 does not exist on 8 Mar 2026 (clocks move forward); runs at 03:00, with the 03:00 run',
      },
      { at: new Date('2026-03-08T08:00:00.000Z'), slot: '2026-03-08T04:00', note: null },
    ]);
  });

  it('Europe/Berlin: one run on the spring-forward day and one on the fall-back day', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'Europe/Berlin', times: ['02:30'] });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-03-28T12:00:00Z'), count: 2 }))).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the moment of the change
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(iso(nextRunTimes(spec, { from: new Date('2026-10-24T12:00:00Z'), count: 2 }))).toEqual([
      '2026-10-25T00:30:00.000Z', // the first 02:30, in CEST
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('Asia/Kolkata has no daylight saving and a half-hour offset', () => {
    const spec = recurring({
      frequency: 'week',
      timeZone: 'Asia/Kolkata',
      weekdays: [1, 5],
      times: ['13:00', '16:00'],
    });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-11-20T00:00:00Z'), count: 4 }))).toEqual([
      '2026-11-20T07:30:00.000Z', // Friday 13:00 IST
      '2026-11-20T10:30:00.000Z', // Friday 16:00 IST
      '2026-11-23T07:30:00.000Z', // Monday
      '2026-11-23T10:30:00.000Z',
    ]);
  });
});

describe('nextRunTimes on month days 29-31', () => {
  it('skips months without the day, and "last" runs on every month end', () => {
    const on31st = recurring({ frequency: 'month', timeZone: 'UTC', monthDays: [31], times: ['09:00'] });
    expect(iso(nextRunTimes(on31st, { from: new Date('2026-01-01T00:00:00Z'), count: 3 }))).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-05-31T09:00:00.000Z',
    ]);
    const on29th = recurring({ frequency: 'month', timeZone: 'UTC', monthDays: [29], times: ['09:00'] });
    expect(iso(nextRunTimes(on29th, { from: new Date('2026-01-30T00:00:00Z'), count: 1 }))).toEqual([
      '2026-03-29T09:00:00.000Z',
    ]);
    expect(iso(nextRunTimes(on29th, { from: new Date('2028-01-30T00:00:00Z'), count: 1 }))).toEqual([
      '2028-02-29T09:00:00.000Z',
    ]);
    const last = recurring({ frequency: 'month', timeZone: 'UTC', monthDays: ['last'], times: ['09:00'] });
    expect(iso(nextRunTimes(last, { from: new Date('2026-01-31T10:00:00Z'), count: 2 }))).toEqual([
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
    ]);
  });
});

describe('nextRunTimes limits', () => {
  it('starts no earlier than the start date, in the schedule’s time zone', () => {
    const spec = recurring({
      frequency: 'day',
      timeZone: 'Asia/Kolkata',
      times: ['00:15'],
      startDate: '2026-12-01',
    });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-11-20T00:00:00Z'), count: 1 }))).toEqual([
      '2026-11-30T18:45:00.000Z',
    ]);
  });

  it('stops after N runs, counting those already done', () => {
    const spec = recurring({ frequency: 'hour', timeZone: 'UTC', minute: 0, endAfterRuns: 10 });
    expect(nextRunTimes(spec, { from: new Date('2026-01-01T00:30:00Z'), completedRuns: 7 })).toHaveLength(3);
    expect(nextRunTimes(spec, { completedRuns: 10 })).toEqual([]);
  });

  it('a one-time schedule has one run, or none once it has passed', () => {
    const once = scheduleSpecSchema.parse({
      kind: 'once',
      at: '2026-12-24T18:00',
      timeZone: 'Europe/Berlin',
    });
    expect(iso(nextRunTimes(once, { from: new Date('2026-11-21T00:00:00Z') }))).toEqual([
      '2026-12-24T17:00:00.000Z',
    ]);
    expect(nextRunTimes(once, { from: new Date('2027-01-01T00:00:00Z') })).toEqual([]);
  });
});

describe('zonedInstant', () => {
  it('turns wall-clock time in a zone into the instant', () => {
    expect(zonedInstant('2026-07-01T09:00', 'America/New_York').toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    );
    // Skipped by the spring-forward change: the moment clocks jump (03:00 EDT).
    expect(zonedInstant('2026-03-08T02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
});

describe('describeSchedule', () => {
  it('says the schedule in words', () => {
    expect(
      describeSchedule(
        recurring({
          frequency: 'week',
          timeZone: 'Asia/Kolkata',
          weekdays: [5, 1],
          times: ['13:00', '16:00'],
        }),
      ),
    ).toBe('Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata');
    expect(describeSchedule(recurring({ frequency: 'hour', timeZone: 'UTC', minute: 5 }))).toBe(
      'Every hour at 05 minutes past, UTC',
    );
    expect(
      describeSchedule(
        recurring({ frequency: 'month', timeZone: 'UTC', monthDays: [1, 'last'], times: ['09:00'] }),
      ),
    ).toBe('Every month on day 1 and the last day at 09:00, UTC');
  });

  it('says when the schedule starts and how many runs it ends after', () => {
    const daily = recurring({
      frequency: 'day',
      timeZone: 'America/Santiago',
      times: ['00:30'],
      startDate: '2030-01-01',
      endAfterRuns: 10,
    });
    expect(describeScheduleWhen(daily)).toBe(
      'Every day at 00:30, America/Santiago, starting 1 Jan 2030, ending after 10 runs',
    );
    expect(describeScheduleWhen({ ...daily, endAfterRuns: null })).toBe(
      'Every day at 00:30, America/Santiago, starting 1 Jan 2030',
    );
  });

  it('asks for a day when Week has no day chosen, and says "Every day" for all seven', () => {
    const noDay = recurringScheduleSchema.safeParse({
      kind: 'recurring',
      frequency: 'week',
      weekdays: [],
      times: ['09:00'],
      timeZone: 'UTC',
      startDate: '2026-01-01',
    });
    expect(noDay.success).toBe(false);
    expect(noDay.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['weekdays', 'Choose at least one day of the week'],
    ]);
    expect(
      describeSchedule(
        recurring({ frequency: 'week', timeZone: 'UTC', weekdays: [0, 1, 2, 3, 4, 5, 6], times: ['09:00'] }),
      ),
    ).toBe('Every day at 09:00, UTC');
  });

  it('rejects a schedule without the times it needs, and an unknown time zone', () => {
    expect(
      recurringScheduleSchema.safeParse({
        kind: 'recurring',
        frequency: 'week',
        timeZone: 'UTC',
        startDate: '2026-01-01',
      }).success,
    ).toBe(false);
    expect(
      recurringScheduleSchema.safeParse({
        kind: 'recurring',
        frequency: 'hour',
        timeZone: 'Mars/Olympus',
        startDate: '2026-01-01',
      }).success,
    ).toBe(false);
  });
});
