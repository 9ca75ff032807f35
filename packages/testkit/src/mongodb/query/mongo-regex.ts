import { MongoCommandError } from '../command-error';

/** The option letters MongoDB (PCRE2) accepts in `$options` or a BSON regex. */
const VALID_OPTIONS = new Set(['i', 'm', 's', 'x', 'u']);

/**
 * Compiles a MongoDB regular expression into a JS RegExp.
 *
 * MongoDB speaks PCRE; JS has no `x` (extended) flag, so `x` is applied here the way
 * PCRE defines it: unescaped whitespace and `#` comments outside a character class
 * are dropped from the pattern. `i`, `m` and `s` map to the JS flags of the same
 * meaning; `u` is accepted and ignored (MongoDB always matches UTF-8).
 */
export function compileMongoRegex(pattern: string, options: string): RegExp {
  let flags = '';
  let extended = false;
  for (const option of options) {
    if (!VALID_OPTIONS.has(option)) {
      throw new MongoCommandError(51108, `invalid flag in regex options: ${option}`);
    }
    if (option === 'x') extended = true;
    else if (option !== 'u' && !flags.includes(option)) flags += option;
  }
  const source = extended ? stripExtendedSyntax(pattern) : pattern;
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new MongoCommandError(51091, `Regular expression is invalid: ${(error as Error).message}`);
  }
}

/** PCRE_EXTENDED: whitespace and `#...` comments are ignored unless escaped or in a class. */
function stripExtendedSyntax(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      out += char + pattern[i + 1];
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
      continue;
    }
    if (/\s/.test(char)) continue;
    if (char === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
      continue;
    }
    out += char;
  }
  return out;
}
