import {
  campaignInputSchema,
  type CampaignInput,
  type CampaignType,
  type FynoChannel,
  type MonthDay,
  type PhoneCountry,
  type ScheduleFrequency,
  type ScheduleSpec,
  scheduleSpecSchema,
} from '@connect/core';
import type { CampaignView } from './views';

export interface PlaceholderChoice {
  kind: 'column' | 'text';
  column: string;
  text: string;
}

/** The wizard's form: close to the campaign's own shape, with room for half-made choices. */
export interface WizardValues {
  name: string;
  type: CampaignType | '';
  cohortId: string;
  mapping: {
    eventName: string;
    /** Channel to column; an empty string is "not sent on this channel". */
    to: Partial<Record<FynoChannel, string>>;
    data: Record<string, PlaceholderChoice>;
    distinctIdColumn: string;
    /** The campaign's country for phone numbers without a country code; '' for the workspace default. */
    phoneCountry: string;
  };
  when: 'once' | 'recurring';
  onceMode: 'now' | 'later';
  once: { date: string; time: string };
  recurring: {
    frequency: ScheduleFrequency;
    minute: number;
    everyHour: boolean;
    times: string[];
    everyWeekday: boolean;
    weekdays: number[];
    monthDays: MonthDay[];
    startDate: string;
    ends: 'never' | 'after';
    endAfterRuns: number;
  };
  timeZone: string;
  rateLimitPerSecond: number | '';
  stopOnFailures: boolean;
  failureRatePercent: number;
  minimumAttempts: number;
  test: { channel: FynoChannel | ''; destination: string };
}

/** Starting values: empty for a new campaign (with the cohort chosen when given), or a campaign's own. */
export function initialWizardValues(
  campaign: CampaignView | null,
  defaults: { cohortId?: string; timeZone: string; today: string },
): WizardValues {
  const schedule = campaign?.schedule ?? null;
  const recurring = schedule?.kind === 'recurring' ? schedule : null;
  const once = schedule?.kind === 'once' ? schedule : null;
  const policy = campaign?.errorPolicy;
  const mapping = campaign?.mapping;
  return {
    name: campaign?.name ?? '',
    type: campaign?.type ?? '',
    cohortId: campaign?.cohortId ?? defaults.cohortId ?? '',
    mapping: {
      eventName: mapping?.eventName ?? '',
      to: { ...(mapping?.to ?? {}) },
      data: Object.fromEntries(
        Object.entries(mapping?.data ?? {}).map(([name, source]) => [
          name,
          source.kind === 'column'
            ? { kind: 'column', column: source.column, text: '' }
            : { kind: 'text', column: '', text: source.text },
        ]),
      ),
      distinctIdColumn: mapping?.distinctIdColumn ?? '',
      phoneCountry: mapping?.phoneCountry ?? '',
    },
    when: recurring ? 'recurring' : 'once',
    onceMode: once ? 'later' : 'now',
    once: { date: once?.at.slice(0, 10) ?? defaults.today, time: once?.at.slice(11, 16) ?? '09:00' },
    recurring: {
      frequency: recurring?.frequency ?? 'day',
      minute: recurring?.minute ?? 0,
      everyHour: recurring?.everyHour ?? false,
      times: recurring?.times ?? ['09:00'],
      everyWeekday: recurring ? recurring.weekdays.length === 0 || recurring.weekdays.length === 7 : true,
      weekdays: recurring?.weekdays ?? [],
      monthDays: recurring?.monthDays ?? [1],
      startDate: recurring?.startDate ?? defaults.today,
      ends: recurring?.endAfterRuns ? 'after' : 'never',
      endAfterRuns: recurring?.endAfterRuns ?? 10,
    },
    timeZone: schedule?.timeZone ?? defaults.timeZone,
    rateLimitPerSecond: campaign?.rateLimitPerSecond ?? '',
    stopOnFailures: policy?.mode === 'stop',
    failureRatePercent: policy?.mode === 'stop' ? policy.failureRatePercent : 20,
    minimumAttempts: policy?.mode === 'stop' ? policy.minimumAttempts : 100,
    test: { channel: '', destination: '' },
  };
}

/** The schedule the form describes, unchecked; null for "one time, now". */
export function scheduleOf(values: WizardValues): unknown {
  if (values.when === 'once') {
    if (values.onceMode === 'now') return null;
    return { kind: 'once', at: `${values.once.date}T${values.once.time}`, timeZone: values.timeZone };
  }
  const r = values.recurring;
  return {
    kind: 'recurring',
    frequency: r.frequency,
    minute: r.minute,
    everyHour: r.frequency === 'day' && r.everyHour,
    times: r.frequency === 'hour' || (r.frequency === 'day' && r.everyHour) ? [] : r.times,
    // Every day of the week is all seven, so "Chosen days" with none chosen is an error, not every day.
    weekdays: r.frequency !== 'week' ? [] : r.everyWeekday ? [0, 1, 2, 3, 4, 5, 6] : r.weekdays,
    monthDays: r.frequency === 'month' ? r.monthDays : [],
    timeZone: values.timeZone,
    startDate: r.startDate,
    endAfterRuns: r.ends === 'after' ? r.endAfterRuns : null,
  };
}

/** The schedule when it is complete and valid, for the next-run preview. */
export function parsedSchedule(values: WizardValues): ScheduleSpec | null | undefined {
  const raw = scheduleOf(values);
  if (raw === null) return null;
  const parsed = scheduleSpecSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** What the API receives. */
export function toCampaignInput(values: WizardValues): CampaignInput {
  const to = Object.fromEntries(Object.entries(values.mapping.to).filter(([, column]) => column));
  return {
    name: values.name,
    type: values.type as CampaignType,
    cohortId: values.cohortId,
    mapping: {
      eventName: values.mapping.eventName,
      to,
      data: Object.fromEntries(
        Object.entries(values.mapping.data).map(([name, choice]) => [
          name,
          choice.kind === 'column'
            ? { kind: 'column' as const, column: choice.column }
            : { kind: 'text' as const, text: choice.text },
        ]),
      ),
      distinctIdColumn: values.mapping.distinctIdColumn || null,
      phoneCountry: (values.mapping.phoneCountry || null) as PhoneCountry | null,
    },
    rateLimitPerSecond: values.rateLimitPerSecond === '' ? null : values.rateLimitPerSecond,
    errorPolicy: values.stopOnFailures
      ? {
          mode: 'stop',
          failureRatePercent: values.failureRatePercent,
          minimumAttempts: values.minimumAttempts,
        }
      : { mode: 'continue' },
    schedule: scheduleOf(values) as CampaignInput['schedule'],
  };
}

/** The form fields each step owns: "Next" checks only these. */
const stepFields: string[][] = [
  ['name', 'type', 'cohortId'],
  ['mapping', 'once', 'recurring', 'timeZone'],
  ['rateLimitPerSecond', 'failureRatePercent', 'minimumAttempts'],
];

/**
 * Problems with the campaign, keyed by form field, found by the same schema the
 * server uses; only those of steps up to `step` are returned.
 */
export function wizardErrors(values: WizardValues, step: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.type) errors.type = 'Choose a campaign type';
  if (!values.cohortId) errors.cohortId = 'Choose a cohort';
  const parsed = campaignInputSchema.safeParse(toCampaignInput(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formField(issue.path.map(String), values);
      if (field === 'type' || field === 'cohortId') continue;
      errors[field] ??= issue.message;
    }
  }
  if (!values.mapping.eventName) errors['mapping.eventName'] = 'Choose a notification event';
  const allowed = stepFields.slice(0, step + 1).flat();
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => allowed.some((prefix) => field.split('.')[0] === prefix)),
  );
}

/** Where a schema problem shows on the form. */
function formField(path: string[], values: WizardValues): string {
  const [head, ...rest] = path;
  if (head === 'schedule') {
    if (values.when === 'once') return rest[0] === 'timeZone' ? 'timeZone' : 'once.date';
    if (rest[0] === 'timeZone') return 'timeZone';
    if (rest[0] === 'endAfterRuns') return 'recurring.endAfterRuns';
    return `recurring.${rest[0] ?? 'frequency'}`;
  }
  if (head === 'mapping' && rest[0] === 'to') return rest[1] ? `mapping.to.${rest[1]}` : 'mapping.to';
  if (head === 'mapping' && rest[0] === 'data' && rest[1]) return `mapping.data.${rest[1]}`;
  if (head === 'errorPolicy') return rest[0] ?? 'failureRatePercent';
  return path.join('.') || 'name';
}
