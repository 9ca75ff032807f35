import {
  campaignMappingSchema,
  type CampaignMapping,
  definitionSchema,
  type Definition,
  errorPolicySchema,
  type ErrorPolicy,
} from '@connect/core';
import { z } from 'zod';

/**
 * Everything a run needs, frozen when it starts: editing the campaign or its cohort
 * later does not change a run already under way, and the run detail shows what
 * was actually sent.
 */
export const runSettingsSchema = z.object({
  campaignName: z.string(),
  mapping: campaignMappingSchema,
  rateLimitPerSecond: z.number().int().positive().nullable(),
  errorPolicy: errorPolicySchema,
  cohort: z.object({
    id: z.uuid(),
    name: z.string(),
    connectionId: z.uuid(),
    source: z.object({ schema: z.string().optional(), name: z.string() }).nullable(),
    definition: definitionSchema,
  }),
});

export interface RunSettings {
  campaignName: string;
  mapping: CampaignMapping;
  rateLimitPerSecond: number | null;
  errorPolicy: ErrorPolicy;
  cohort: {
    id: string;
    name: string;
    connectionId: string;
    source: { schema?: string; name: string } | null;
    definition: Definition;
  };
}

export function parseRunSettings(value: unknown): RunSettings {
  return runSettingsSchema.parse(value) as RunSettings;
}
