import { describe, expect, it } from 'vitest';
import {
  encodeBinary,
  encodeBoolean,
  encodeDate,
  encodeJson,
  encodeTime,
  encodeTimestampLtz,
  encodeTimestampNtz,
  encodeTimestampTz,
} from './encode-value';

// Expected strings are what Snowflake sends in JSON results and snowflake-sdk decodes.
describe('Snowflake JSON result encodings', () => {
  it('counts DATE in days from 1970-01-01, before the epoch and before the common era', () => {
    expect(encodeDate('1970-01-01')).toBe('0');
    expect(encodeDate('2024-02-29')).toBe('19782');
    expect(encodeDate('1969-12-31')).toBe('-1');
    expect(encodeDate('0001-01-01')).toBe('-719162');
    expect(encodeDate('0001-12-31 BC')).toBe('-719163');
  });

  it('writes TIMESTAMP_NTZ as epoch seconds with nine fraction digits, exact below zero', () => {
    expect(encodeTimestampNtz('2024-03-10 12:34:56.789')).toBe('1710074096.789000000');
    expect(encodeTimestampNtz('1970-01-01 00:00:00')).toBe('0.000000000');
    expect(encodeTimestampNtz('1969-12-31 23:59:59.5')).toBe('-0.500000000');
    expect(encodeTimestampNtz('1969-12-31 23:59:58.25')).toBe('-1.750000000');
  });

  it('writes TIMESTAMP_LTZ as the UTC instant and TIMESTAMP_TZ with its 1440-based offset index', () => {
    expect(encodeTimestampLtz('2024-03-10 05:34:56.789-07')).toBe('1710074096.789000000');
    expect(encodeTimestampTz('2024-03-10 05:34:56.789-07')).toBe('1710074096.789000000 1020');
    expect(encodeTimestampTz('2024-01-02 03:04:05.123456+05:30')).toBe('1704144845.123456000 1770');
  });

  it('writes TIME as seconds since midnight', () => {
    expect(encodeTime('01:02:03.5')).toBe('3723.500000000');
  });

  it('writes BOOLEAN as 1/0 and BINARY as upper-case hex', () => {
    expect(encodeBoolean('t')).toBe('1');
    expect(encodeBoolean('f')).toBe('0');
    expect(encodeBinary('\\xdeadbeef')).toBe('DEADBEEF');
  });

  it('indents semi-structured values by two spaces without touching strings or numbers', () => {
    expect(encodeJson('{"a": 1, "s": "x, y: {z}", "big": 12345678901234567890, "e": [], "o": {}}')).toBe(
      '{\n  "a": 1,\n  "s": "x, y: {z}",\n  "big": 12345678901234567890,\n  "e": [],\n  "o": {}\n}',
    );
    expect(encodeJson('"just \\"text\\""')).toBe('"just \\"text\\""');
    expect(encodeJson('[1, [2]]')).toBe('[\n  1,\n  [\n    2\n  ]\n]');
  });
});
