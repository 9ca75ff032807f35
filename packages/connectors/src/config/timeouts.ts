import { z } from 'zod';
import { formField } from './form-fields';

/** Time limits every SQL kind's config carries, with the same form fields. */
export const timeoutFields = {
  queryTimeoutSeconds: formField(z.coerce.number().int().min(1).max(3600).default(30), {
    label: 'Query time limit (seconds)',
    input: 'number',
    help: 'Previews and raw queries that run longer are stopped on the database.',
  }),
  countTimeoutSeconds: formField(z.coerce.number().int().min(1).max(3600).default(120), {
    label: 'Exact count time limit (seconds)',
    input: 'number',
    help: 'Exact counts of large tables may need longer than a preview.',
  }),
};
