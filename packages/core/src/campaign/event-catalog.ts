import { z } from 'zod';
import { fynoChannels } from '../fyno/fyno-channels';

/**
 * Fyno publishes no API that lists notification events, so Connect keeps its own
 * catalogue: what each event is called in Fyno, its channels and the placeholders
 * its templates use. Campaigns pick events from it.
 */
export const eventCatalogEntrySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the event name as it appears in Fyno')
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'Use the event name exactly as in Fyno: letters, digits, _ . : -'),
  description: z.string().trim().max(500).default(''),
  channels: z
    .array(z.enum(fynoChannels))
    .min(1, 'Choose at least one channel')
    .transform((channels) => [...new Set(channels)]),
  placeholders: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'A placeholder is a name such as first_name or order.total'),
    )
    .max(100)
    .default([])
    .transform((names) => [...new Set(names)]),
});
export type EventCatalogEntryInput = z.input<typeof eventCatalogEntrySchema>;
export type EventCatalogEntry = z.output<typeof eventCatalogEntrySchema>;
