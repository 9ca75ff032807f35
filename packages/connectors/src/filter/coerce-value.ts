import type { FilterScalar } from '@connect/core';
import type { FieldDescriptor } from '../connector';
import type { TypedValue } from './checked-filter';

/** A value that does not fit its field; the message is shown to the user as-is. */
export class CoercionError extends Error {}

const decimalPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value as the user typed it, short enough for a message. */
function shown(raw: FilterScalar): string {
  const text = String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(raw: FilterScalar, what: string, field: FieldDescriptor): never {
  throw new CoercionError(`'${shown(raw)}' is ${what} for field ${field.name}`);
}

/** Significant digits of a decimal literal, to know whether a JS number holds it exactly. */
function significantDigits(text: string): number {
  const mantissa = text
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

function coerceNumber(raw: FilterScalar, field: FieldDescriptor): TypedValue {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (typeof raw === 'number' ? !Number.isFinite(raw) : !decimalPattern.test(text))
    fail(raw, 'not a number', field);
  const value = Number(text);
  if (!Number.isFinite(value)) fail(raw, 'too large a number', field);
  if (field.integer && !Number.isInteger(value)) fail(raw, 'not a whole number', field);
  if (field.integer) {
    if (Number.isSafeInteger(value)) return value;
    // A big integer (bigint column) stays text, so no digit is lost on the way to the database.
    if (/^[+-]?\d+$/.test(text)) return text.replace(/^\+/, '');
    fail(raw, 'too large a number', field);
  }
  // Beyond 15 significant digits a JS number may not hold the value exactly; the database parses the text.
  return significantDigits(text) <= 15 ? value : text.replace(/^\+/, '');
}

function coerceBoolean(raw: FilterScalar, field: FieldDescriptor): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  return fail(raw, 'not true or false', field);
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** `YYYY-MM-DD`, checked to be a real day. */
export function coerceDay(raw: FilterScalar, field: FieldDescriptor): string {
  const text = String(raw).trim();
  if (typeof raw === 'string' && dayPattern.test(text) && isRealDay(text)) return text;
  return fail(raw, 'not a date (YYYY-MM-DD)', field);
}

/** ISO-8601 in UTC with milliseconds. A time without an offset is taken as UTC. */
export function coerceDateTime(raw: FilterScalar, field: FieldDescriptor): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const match = dateTimePattern.exec(text);
  if (match && isRealDay(match[1]!)) {
    const time = match[2] ?? '00:00';
    let offset = (match[3] ?? 'Z').toUpperCase();
    if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
    const parsed = new Date(`${match[1]}T${time}${offset}`);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return fail(raw, 'not a date and time (e.g. 2024-05-01T14:30:00Z)', field);
}

function coerceText(raw: FilterScalar): string {
  return typeof raw === 'string' ? raw : String(raw);
}

/** Coerces one value of a rule to the type of its field (for arrays: of its elements). */
export function coerceValue(field: FieldDescriptor, raw: FilterScalar): TypedValue {
  switch (field.type) {
    case 'number':
      return coerceNumber(raw, field);
    case 'boolean':
      return coerceBoolean(raw, field);
    case 'date':
      return coerceDay(raw, field);
    case 'datetime':
      return coerceDateTime(raw, field);
    case 'id': {
      const text = coerceText(raw).trim();
      if (field.format === 'uuid') {
        if (!uuidPattern.test(text)) fail(raw, 'not a UUID', field);
        return text.toLowerCase();
      }
      return text;
    }
    case 'enum': {
      const text = coerceText(raw);
      if (field.enumValues && !field.enumValues.includes(text)) {
        const choices =
          field.enumValues.slice(0, 10).join(', ') + (field.enumValues.length > 10 ? ', ...' : '');
        fail(raw, `not one of ${choices}`, field);
      }
      return text;
    }
    case 'array':
      return field.elementType === 'number'
        ? coerceNumber(raw, { ...field, type: 'number' })
        : coerceText(raw);
    case 'string':
    case 'json':
      return coerceText(raw);
  }
}
