import { describe, expect, it } from 'vitest';
import { bearerTokenMatches } from './bearer-token';

const token = 'c0ffee'.repeat(8);

describe('bearerTokenMatches', () => {
  it('accepts the exact token', () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`bearer ${token}`, token)).toBe(true);
  });

  it('refuses a missing header, another scheme, a prefix or a longer token', () => {
    expect(bearerTokenMatches(null, token)).toBe(false);
    expect(bearerTokenMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${token}0`, token)).toBe(false);
    expect(bearerTokenMatches('Bearer ', token)).toBe(false);
  });
});
