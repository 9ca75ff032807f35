import { z } from 'zod';
import { fynoChannels } from '../fyno/fyno-channels';
import { phoneCountrySchema } from '../phone/phone-country';
import { scheduleSpecSchema } from './schedule-spec';

export const campaignTypes = [
  'Engagement',
  'Onboarding',
  'OTP',
  'Promotional',
  'Retention',
  'Transactional',
] as const;
export type CampaignType = (typeof campaignTypes)[number];

const columnName = z.string().min(1, 'Choose a column').max(500);

/** Where one template placeholder's value comes from: a cohort column, or fixed text. */
const dataSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column'), column: columnName }),
  z.object({ kind: z.literal('text'), text: z.string().max(10_000) }),
]);

/** What happens when sends fail during a run. */
export const errorPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('continue') }),
  z.object({
    mode: z.literal('stop'),
    /** Stop the run once this share of attempted recipients has failed... */
    failureRatePercent: z.number().int().min(1).max(100),
    /** ...after at least this many attempts, so two early failures do not stop a big run. */
    minimumAttempts: z.number().int().min(1).max(1_000_000).default(100),
  }),
]);
export type ErrorPolicy = z.infer<typeof errorPolicySchema>;

/** How a campaign turns a cohort row into a Fyno event call. */
export const campaignMappingSchema = z.object({
  eventName: z.string().trim().min(1, 'Choose a notification event').max(200),
  /** For each channel, the cohort column holding the destination. */
  to: z
    .partialRecord(z.enum(fynoChannels), columnName)
    .refine((to) => Object.keys(to).length > 0, 'Map at least one channel to a column'),
  /** For each template placeholder, a column or fixed text. */
  data: z.record(z.string().min(1).max(100), dataSourceSchema).default({}),
  /** Optional column holding Fyno's distinct_id for each user. */
  distinctIdColumn: columnName.nullable().default(null),
  /**
   * Country assumed for phone numbers written without a country code in this
   * campaign; null uses the workspace default (Settings, else .env).
   */
  phoneCountry: phoneCountrySchema.nullable().default(null),
});
export type CampaignMapping = z.infer<typeof campaignMappingSchema>;

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a campaign name').max(200),
  type: z.enum(campaignTypes),
  cohortId: z.uuid('Choose a cohort'),
  mapping: campaignMappingSchema,
  /** Sends per second for this campaign; null uses the workspace-wide limit only. */
  rateLimitPerSecond: z.number().int().min(1).max(100_000).nullable().default(null),
  errorPolicy: errorPolicySchema.default({ mode: 'continue' }),
  /** When it runs: null for "one time, now" (started by hand), else once later or recurring. */
  schedule: scheduleSpecSchema.nullable().default(null),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignSettings = z.output<typeof campaignInputSchema>;
