import { postgreSplitterOptions, type SplitterOptions } from 'dbgate-query-splitter';

/**
 * How the query splitter reads Snowflake SQL: `'...'` strings whose quotes are escaped
 * with a backslash (or doubled: two adjacent strings split the same way), `"..."`
 * identifiers, `$$...$$` strings, `--` and `/* *\/` comments. `//` comments are
 * blanked first by {@link blankSlashComments}: the splitter does not know them.
 */
export const snowflakeSplitterOptions: SplitterOptions = {
  ...postgreSplitterOptions,
  stringEscapes: { "'": '\\', '"': '"' },
};

/**
 * Replaces Snowflake's `//` line comments with spaces (so positions do not move),
 * leaving strings, quoted identifiers, `$$` strings and other comments as they are.
 * A `;` or a quote inside such a comment then neither splits the statement nor
 * opens a string.
 */
export function blankSlashComments(text: string): string {
  let out = '';
  let index = 0;
  const copyUntil = (end: number) => {
    out += text.slice(index, end);
    index = end;
  };
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === "'" || char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += char === "'" && text[end] === '\\' ? 2 : 1;
      copyUntil(Math.min(end + 1, text.length));
    } else if (char === '$' && next === '$') {
      const close = text.indexOf('$$', index + 2);
      copyUntil(close < 0 ? text.length : close + 2);
    } else if (char === '-' && next === '-') {
      const close = text.indexOf('\n', index);
      copyUntil(close < 0 ? text.length : close);
    } else if (char === '/' && next === '*') {
      const close = text.indexOf('*/', index + 2);
      copyUntil(close < 0 ? text.length : close + 2);
    } else if (char === '/' && next === '/') {
      const close = text.indexOf('\n', index);
      const end = close < 0 ? text.length : close;
      out += ' '.repeat(end - index);
      index = end;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}
