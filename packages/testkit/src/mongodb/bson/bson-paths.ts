import { isPlainObject } from './bson-view';

const DIGITS = /^\d+$/;

/**
 * Every value actually present at a dotted path, with MongoDB's array traversal:
 * a path met by an array continues into each of its embedded documents, and a
 * numeric component also selects that array position. Missing branches contribute
 * nothing (unlike sort keys, where they stand for null).
 */
export function presentValues(document: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walk(document, path.split('.'), 0, out);
  return out;
}

function walk(value: unknown, parts: readonly string[], index: number, out: unknown[]): void {
  if (index === parts.length) {
    if (value !== undefined) out.push(value);
    return;
  }
  const part = parts[index]!;
  if (Array.isArray(value)) {
    if (DIGITS.test(part)) walk(value[Number(part)], parts, index + 1, out);
    for (const element of value) {
      if (isPlainObject(element)) walk(element, parts, index, out);
    }
    return;
  }
  if (isPlainObject(value) && Object.hasOwn(value, part)) walk(value[part], parts, index + 1, out);
}

/** The value at a dotted path through embedded documents only (no array traversal). */
export function valueAtPath(document: unknown, path: string): unknown {
  let current: unknown = document;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && DIGITS.test(part)) current = current[Number(part)];
    else if (isPlainObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}
