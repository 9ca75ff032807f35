import { AppError } from '@connect/core';
import { z } from 'zod';

/**
 * Which table, view or collection a request is about. SQL sources have a schema
 * (MySQL: the database) and a name; MongoDB collections have only a name. The
 * structured form is what code passes around; `formatSourceId` gives the string
 * form for URLs and storage.
 */
export interface SourceRef {
  schema?: string;
  name: string;
}

export const sourceRefSchema = z.object({
  schema: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256),
});

// '.' separates the parts, so a '.' inside a part is percent-encoded too.
const encodePart = (part: string) => encodeURIComponent(part).replaceAll('.', '%2E');

/** `public.users`, or `users` for a collection; safe in a URL path segment. */
export function formatSourceId(ref: SourceRef): string {
  return ref.schema === undefined
    ? encodePart(ref.name)
    : `${encodePart(ref.schema)}.${encodePart(ref.name)}`;
}

/** The inverse of {@link formatSourceId}; throws `invalid_input` for anything else. */
export function parseSourceId(id: string): SourceRef {
  const parts = id.split('.');
  try {
    const decoded = parts.map((part) => decodeURIComponent(part));
    if (decoded.some((part) => part === '')) throw new Error('empty part');
    if (decoded.length === 1) return { name: decoded[0]! };
    if (decoded.length === 2) return { schema: decoded[0]!, name: decoded[1]! };
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', `"${id.slice(0, 100)}" is not a table or collection id.`);
}

/** For messages: `public.users`, unencoded. */
export function sourceLabel(ref: SourceRef): string {
  return ref.schema === undefined ? ref.name : `${ref.schema}.${ref.name}`;
}
