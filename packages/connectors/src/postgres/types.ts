import pg from 'pg';

/**
 * How `pg` turns column text into JS values for customer data. The defaults would
 * turn a DATE into a JS Date at local midnight (shifting the day in some time zones)
 * and a naive TIMESTAMP into local time; we keep dates as `YYYY-MM-DD` and read naive
 * timestamps as UTC, like the session's clock. int8 and numeric stay strings (the
 * default), so no digit is lost.
 */
const dateOid = 1082;
const dateArrayOid = 1182;
const timestampOid = 1114;
const timestampArrayOid = 1115;
const intervalOid = 1186;
const textArrayOid = 1009;

/** `2024-03-05 12:34:56.789123` (as UTC) to `2024-03-05T12:34:56.789Z`; infinities and BC dates stay as text. */
export function naiveTimestampToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
  if (!match) return text;
  const millis = (match[3] ?? '.000').padEnd(4, '0').slice(0, 4);
  return `${match[1]}T${match[2]}${millis}Z`;
}

const parseTextArray = pg.types.getTypeParser(textArrayOid as never, 'text') as (text: string) => string[];

const overrides: Record<number, (text: string) => unknown> = {
  [dateOid]: (text) => text,
  [dateArrayOid]: (text) => parseTextArray(text),
  [timestampOid]: naiveTimestampToIso,
  [timestampArrayOid]: (text) =>
    parseTextArray(text).map((item) => (item === null ? null : naiveTimestampToIso(item))),
  [intervalOid]: (text) => text,
};

export const customerTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return (format ?? 'text') === 'text' && overrides[oid]
      ? overrides[oid]
      : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
