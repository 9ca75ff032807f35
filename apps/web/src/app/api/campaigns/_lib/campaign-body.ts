import { fynoChannels } from '@connect/core';
import { z } from 'zod';

/** "Trigger Campaign": where the one test event goes before the campaign is saved. */
export const testTriggerSchema = z.object({
  channel: z.enum(fynoChannels),
  destination: z.string().trim().min(1, 'Enter where the test should go').max(1_000),
});
