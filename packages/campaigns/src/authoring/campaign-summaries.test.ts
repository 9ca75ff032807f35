import { recurringScheduleSchema } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { scheduleInWords } from './campaign-summaries';

describe('scheduleInWords', () => {
  it('says when it starts, how many runs it ends after and how many are done', () => {
    const weekly = recurringScheduleSchema.parse({
      kind: 'recurring',
      frequency: 'week',
      weekdays: [5, 1],
      times: ['13:00', '16:00'],
      timeZone: 'Asia/Kolkata',
      startDate: '2026-01-01',
      endAfterRuns: 10,
    });
    expect(scheduleInWords(weekly, 3)).toBe(
      'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, starting 1 Jan 2026, ending after 10 runs (3 done)',
    );
    expect(scheduleInWords({ ...weekly, endAfterRuns: null }, 1)).toBe(
      'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, starting 1 Jan 2026, 1 run done',
    );
  });

  it('gives the example of the daily Santiago campaign', () => {
    const daily = recurringScheduleSchema.parse({
      kind: 'recurring',
      frequency: 'day',
      times: ['00:30'],
      timeZone: 'America/Santiago',
      startDate: '2030-01-01',
      endAfterRuns: 10,
    });
    expect(scheduleInWords(daily, 0)).toBe(
      'Every day at 00:30, America/Santiago, starting 1 Jan 2030, ending after 10 runs (0 done)',
    );
  });

  it('describes one-time campaigns', () => {
    expect(scheduleInWords(null, 0)).toBe('One time, sent when started');
    expect(scheduleInWords({ kind: 'once', at: '2026-03-01T09:30', timeZone: 'Europe/Berlin' }, 0)).toBe(
      'Once, on 2026-03-01 at 09:30, Europe/Berlin',
    );
  });
});
