/**
 * Value encodings of Snowflake's JSON result format, as snowflake-sdk decodes them
 * (lib/connection/result/column.js): every value is a string (or null), and
 *
 * - BOOLEAN is "1" / "0" (the SDK also accepts "TRUE" / "FALSE"),
 * - DATE is the number of days since 1970-01-01 (`convertRawDate`: value * 86400 seconds),
 * - TIME is seconds since midnight with the column's scale of fraction digits,
 * - TIMESTAMP_NTZ / _LTZ are seconds since the epoch with `scale` fraction digits
 *   (`convertRawTimestampNtz`: BigNumber(value) * 10^scale), NTZ read as if UTC,
 * - TIMESTAMP_TZ (result version 1) is "<epoch seconds.fraction> <1440 + offset minutes>"
 *   (`convertRawTimestampTz`),
 * - VARIANT / OBJECT / ARRAY are JSON text indented by two spaces, as Snowflake prints them,
 * - BINARY is upper-case hex, NUMBER / FLOAT / TEXT are their text.
 *
 * The inputs are PostgreSQL's text output (DateStyle ISO), so nothing passes through a JS Date
 * and microseconds survive.
 */
export type ValueEncoder = (text: string) => string;

export const identity: ValueEncoder = (text) => text;

export const encodeBoolean: ValueEncoder = (text) => (text === 't' ? '1' : '0');

export const encodeBinary: ValueEncoder = (text) => text.slice(2).toUpperCase();

/**
 * Re-indents PostgreSQL's jsonb text (`{"a": 1}`) the way Snowflake prints semi-structured values
 * (`{\n  "a": 1\n}`), without parsing it, so numbers keep every digit.
 */
export const encodeJson: ValueEncoder = (text) => {
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (text[i + 1] === close) {
        out += c + close;
        i += 1;
      } else {
        depth += 1;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth -= 1;
      out += newline() + c;
    } else if (c === ',') {
      out += ',' + newline();
      if (text[i + 1] === ' ') i += 1;
    } else if (c === ':') {
      out += ': ';
      if (text[i + 1] === ' ') i += 1;
    } else if (c !== ' ') {
      out += c;
    }
  }
  return out;
};

export const encodeDate: ValueEncoder = (text) => {
  const match = /^(\d+)-(\d\d)-(\d\d)( BC)?$/.exec(text);
  if (!match) return text;
  return String(daysFromCivil(year(match[1]!, match[4]), Number(match[2]), Number(match[3])));
};

export const encodeTime: ValueEncoder = (text) => {
  const match = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(text);
  if (!match) return text;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  return `${seconds}.${nanos(match[4])}`;
};

export const encodeTimestampNtz: ValueEncoder = (text) => {
  const parts = parseTimestamp(text);
  return parts ? epochText(parts.localSeconds, parts.fraction) : text;
};

export const encodeTimestampLtz: ValueEncoder = (text) => {
  const parts = parseTimestamp(text);
  return parts ? epochText(parts.localSeconds - parts.offsetMinutes * 60, parts.fraction) : text;
};

export const encodeTimestampTz: ValueEncoder = (text) => {
  const parts = parseTimestamp(text);
  if (!parts) return text;
  return `${epochText(parts.localSeconds - parts.offsetMinutes * 60, parts.fraction)} ${1440 + parts.offsetMinutes}`;
};

interface TimestampParts {
  /** Seconds since the epoch of the wall-clock time, read as UTC. */
  localSeconds: number;
  fraction: string | undefined;
  offsetMinutes: number;
}

const TIMESTAMP =
  /^(\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/;

function parseTimestamp(text: string): TimestampParts | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const days = daysFromCivil(year(m[1]!, m[12]), Number(m[2]), Number(m[3]));
  const localSeconds = days * 86400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  const sign = m[8] === '-' ? -1 : 1;
  const offsetMinutes = m[8] ? sign * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  return { localSeconds, fraction: m[7], offsetMinutes };
}

/** "seconds.fffffffff" for a whole number of seconds plus a fraction, exact for negative times. */
function epochText(seconds: number, fraction: string | undefined): string {
  const total = BigInt(seconds) * 1_000_000_000n + BigInt(nanos(fraction));
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const whole = magnitude / 1_000_000_000n;
  const rest = (magnitude % 1_000_000_000n).toString().padStart(9, '0');
  return `${negative ? '-' : ''}${whole}.${rest}`;
}

function nanos(fraction: string | undefined): string {
  return (fraction ?? '').padEnd(9, '0').slice(0, 9);
}

/** Astronomical year: 1 BC is year 0. */
function year(digits: string, bc: string | undefined): number {
  return bc ? 1 - Number(digits) : Number(digits);
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
