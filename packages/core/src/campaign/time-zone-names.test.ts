import { describe, expect, it } from 'vitest';
import { currentTimeZoneName, knownTimeZones } from './time-zone-names';

describe('time zone names', () => {
  it('uses the current IANA name for zones ICU still calls by an old one', () => {
    expect(currentTimeZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentTimeZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentTimeZoneName('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('lists current names only, each of which the runtime accepts', () => {
    const zones = knownTimeZones();
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).toContain('UTC');
    for (const zone of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });
});
