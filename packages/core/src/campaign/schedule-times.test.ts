import { describe, expect, it } from 'vitest';
import { recurringScheduleSchema, type RecurringSchedule, scheduleSpecSchema } from './schedule-spec';
import { cronPatterns, describeSchedule, nextRunTimes, zonedInstant } from './schedule-times';

const recurring = (spec: Partial<RecurringSchedule> & Pick<RecurringSchedule, 'frequency' | 'timeZone'>) =>
  recurringScheduleSchema.parse({ kind: 'recurring', startDate: '2026-01-01', ...spec });

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('cronPatterns', () => {
  it('groups time slots by minute and lists weekdays and month days', () => {
    expect(
      cronPatterns(
        recurring({
          frequency: 'week',
          timeZone: 'UTC',
          weekdays: [5, 1],
          times: ['13:00', '16:00', '09:30'],
        }),
      ),
    ).toEqual(['0 13,16 * * 1,5', '30 9 * * 1,5']);
    expect(
      cronPatterns(
        recurring({ frequency: 'month', timeZone: 'UTC', monthDays: [1, 'last'], times: ['08:15'] }),
      ),
    ).toEqual(['15 8 1,L * *']);
    expect(cronPatterns(recurring({ frequency: 'hour', timeZone: 'UTC', minute: 45 }))).toEqual([
      '45 * * * *',
    ]);
    expect(
      cronPatterns(recurring({ frequency: 'day', timeZone: 'UTC', everyHour: true, minute: 5 })),
    ).toEqual(['5 * * * *']);
  });
});

describe('nextRunTimes around daylight-saving changes', () => {
  it('America/New_York spring forward: 02:30 does not exist on 8 March, so that day runs once at 03:30', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'America/New_York', times: ['02:30'] });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-03-06T12:00:00Z'), count: 3 }))).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT, the only run that day
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('America/New_York fall back: 01:30 happens twice on 1 November and runs once', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'America/New_York', times: ['01:30'] });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-10-31T12:00:00Z'), count: 2 }))).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, not again at 01:30 EST
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('Europe/Berlin: one run on the spring-forward day and one on the fall-back day', () => {
    const spec = recurring({ frequency: 'day', timeZone: 'Europe/Berlin', times: ['02:30'] });
    expect(iso(nextRunTimes(spec, { from: new Date('2026-03-28T12:00:00Z'), count: 2 }))).toEqual([
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
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
    expect(zonedInstant('2026-03-08T02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
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
