import { describe, expect, it } from 'vitest';
import { compileMongoRegex } from './mongo-regex';

describe('compileMongoRegex', () => {
  it('maps i, m and s to the JS flags of the same meaning and accepts u', () => {
    expect(compileMongoRegex('a.b', 'ims').flags).toBe('ims');
    expect(compileMongoRegex('a', 'u').flags).toBe('');
  });

  it('applies x the way PCRE does', () => {
    const extended = (pattern: string) => compileMongoRegex(pattern, 'x').source;
    expect(extended(' a b  c ')).toBe('abc');
    expect(extended('a # comment\nb')).toBe('ab');
    expect(extended('a\\ b\\#c')).toBe('a\\ b\\#c');
    expect(extended('[ #] x')).toBe('[ #]x');
    expect(extended('[] ] x')).toBe('[] ]x');
    expect(extended('[^] ] x')).toBe('[^] ]x');
    expect(compileMongoRegex('a b # trailing', 'x').test('ab')).toBe(true);
  });

  it('rejects unknown options and invalid patterns with MongoDB codes', () => {
    expect(() => compileMongoRegex('a', 'g')).toThrow(expect.objectContaining({ code: 51108 }));
    expect(() => compileMongoRegex('(', '')).toThrow(expect.objectContaining({ code: 51091 }));
  });
});
