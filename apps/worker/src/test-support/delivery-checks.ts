import type { CampaignRun } from '@connect/store';
import { expect } from 'vitest';
import type { CampaignFixture } from './campaign-fixture';

/** Every recipient of the run reached the fake exactly once, and the run's counts agree. */
export function expectDeliveredExactlyOnce(fixture: CampaignFixture, run: CampaignRun): void {
  expect(run.status).toBe('completed');
  expect(run.failed).toBe(0);
  expect(run.sent).toBe(run.recipients);
  expect(fixture.fyno.duplicates({ event: 'welcome' })).toEqual([]);
  expect(fixture.fyno.countDeliveries({ event: 'welcome' })).toBe(run.recipients);
}

export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
