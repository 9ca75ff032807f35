import { AppError } from '@connect/core';
import { z } from 'zod';

const uuid = z.uuid();

/** A route's id segment, checked to be a UUID; anything else is simply "not found". */
export function idParam(value: string | undefined, what: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `That ${what} does not exist.`);
  return parsed.data;
}
