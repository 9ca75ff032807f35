import { recurringScheduleSchema } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { scheduleInWords } from './campaign-summaries';

describe('scheduleInWords', () => {
  it('says how many of "end after N" runs are done', () => {
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
      'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, 3 of 10 runs done',
    );
    expect(scheduleInWords({ ...weekly, endAfterRuns: null }, 1)).toBe(
      'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, 1 run done',
    );
  });

  it('describes one-time campaigns', () => {
    expect(scheduleInWords(null, 0)).toBe('One time, sent when started');
    expect(scheduleInWords({ kind: 'once', at: '2026-03-01T09:30', timeZone: 'Europe/Berlin' }, 0)).toBe(
      'Once, on 2026-03-01 at 09:30, Europe/Berlin',
    );
  });
});
