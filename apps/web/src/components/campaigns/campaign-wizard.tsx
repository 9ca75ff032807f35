'use client';

import { campaignTypes, type FynoChannel, type PhoneCountry } from '@connect/core';
import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Spoiler,
  Stack,
  Stepper,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconSend } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { api, ApiError } from '@/lib/api-client';
import { notifySuccess } from '@/lib/submit-form';
import { browserTimeZone, formatCount, todayIn } from './format';
import type { CampaignView } from './views';
import { WizardEventStep } from './wizard-event-step';
import { WizardReviewStep } from './wizard-review-step';
import type { CohortSampleView, SaveReply, TestTriggerView, WizardCohort, WizardEvent } from './wizard-types';
import { initialWizardValues, toCampaignInput, type WizardValues, wizardErrors } from './wizard-values';

/** Where a server-side field problem shows on the form, and on which step. */
const serverFields: Record<string, [string, number]> = {
  name: ['name', 0],
  type: ['type', 0],
  cohortId: ['cohortId', 0],
  'schedule.at': ['once.date', 1],
  'mapping.eventName': ['mapping.eventName', 1],
  destination: ['test.destination', 2],
  'testTrigger.destination': ['test.destination', 2],
  'testTrigger.channel': ['test.channel', 2],
};

/**
 * The campaign wizard: Step 1 name, Campaign Type and cohort; step 2 the
 * notification event, when, "To" and "Data"; step 3 the summary, a dry run and
 * "Trigger Campaign", which saves the campaign only when Fyno accepts a test event.
 * Also edits an existing campaign (then saving without a test is allowed too).
 */
export function CampaignWizard({
  campaign,
  cohorts,
  events,
  cohortId,
  workspacePhoneCountry,
}: {
  campaign: CampaignView | null;
  cohorts: WizardCohort[];
  events: WizardEvent[];
  cohortId?: string;
  /** Settings → Phone numbers (else .env): what "Workspace default" means in the To step. */
  workspacePhoneCountry: PhoneCountry | null;
}) {
  const router = useRouter();
  const [active, setActive] = useState(0);
  const [refusal, setRefusal] = useState<TestTriggerView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState<'trigger' | 'save' | null>(null);
  const form = useForm<WizardValues>({
    mode: 'controlled',
    initialValues: initialWizardValues(campaign, {
      cohortId: cohorts.some((cohort) => cohort.id === cohortId) ? cohortId : undefined,
      timeZone: 'UTC',
      today: todayIn('UTC'),
    }),
  });

  // The browser's time zone and today's date are only known in the browser: taken
  // once, on mount, for a new campaign; later changes are the user's.
  const adoptBrowserClock = useEffectEvent(() => {
    if (campaign?.schedule) return;
    const zone = browserTimeZone();
    form.setFieldValue('timeZone', zone);
    form.setFieldValue('once.date', todayIn(zone));
    form.setFieldValue('recurring.startDate', todayIn(zone));
  });
  useEffect(() => adoptBrowserClock(), []);

  const values = form.getValues();
  const sampleState = useCohortSample(values.cohortId, values.mapping.to, values.mapping.phoneCountry);
  const cohort = cohorts.find((candidate) => candidate.id === values.cohortId);
  const mappedChannels = Object.entries(values.mapping.to)
    .filter(([, column]) => column)
    .map(([channel]) => channel as FynoChannel);

  function goTo(step: number) {
    const errors = wizardErrors(form.getValues(), step - 1);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (step === 2 && !mappedChannels.includes(values.test.channel as FynoChannel)) {
      form.setFieldValue('test.channel', mappedChannels[0] ?? '');
    }
    setFailure(null);
    setActive(step);
  }

  async function save(withTest: boolean) {
    const errors = wizardErrors(form.getValues(), 2);
    if (withTest && !values.test.destination.trim())
      errors['test.destination'] = 'Enter where the test should go';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setRefusal(null);
    setFailure(null);
    setSaving(withTest ? 'trigger' : 'save');
    const body = {
      ...toCampaignInput(values),
      ...(withTest
        ? { testTrigger: { channel: values.test.channel, destination: values.test.destination.trim() } }
        : {}),
      ...(campaign ? {} : { startNow: values.when === 'once' && values.onceMode === 'now' }),
    };
    try {
      const reply = campaign
        ? await api<SaveReply>('PUT', `/api/campaigns/${campaign.id}`, body)
        : await api<SaveReply>('POST', '/api/campaigns', body);
      if (!reply.saved) {
        setRefusal(reply.trigger);
        return;
      }
      const tested = reply.trigger ? 'Fyno accepted the test event. ' : '';
      if (reply.run) {
        notifySuccess(`${tested}"${reply.campaign.name}" was created and is sending now.`);
        router.push(`/campaigns/${reply.campaign.id}/runs/${reply.run.id}`);
      } else {
        notifySuccess(`${tested}"${reply.campaign.name}" was ${campaign ? 'saved' : 'created'}.`);
        router.push(`/campaigns/${reply.campaign.id}`);
      }
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError) {
        const placed: Record<string, string> = {};
        let step = 2;
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          const [formField, fieldStep] = serverFields[field] ?? [field, 2];
          placed[formField] = message;
          step = Math.min(step, fieldStep);
        }
        form.setErrors(placed);
        if (step < 2) setActive(step);
      }
      setFailure(error instanceof Error ? error.message : 'Saving the campaign failed. Try again.');
    } finally {
      setSaving(null);
    }
  }

  const nextButton = (step: number, label: string) => (
    <Button rightSection={<IconArrowRight size={16} />} onClick={() => goTo(step)}>
      {label}
    </Button>
  );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (active < 2) goTo(active + 1);
        else void save(true);
      }}
    >
      <Paper withBorder p="xl">
        <Stepper active={active} onStepClick={(step) => step < active && setActive(step)} size="sm" mb="xl">
          <Stepper.Step label="Campaign" description="Name, type and cohort" />
          <Stepper.Step label="Notification event" description="When, To and Data" />
          <Stepper.Step label="Test and create" description="Summary, dry run and test" />
        </Stepper>

        {active === 0 && (
          <Stack gap="md" maw={520}>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <Select
              label="Campaign Type"
              placeholder="Choose a type"
              data={[...campaignTypes]}
              required
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            {cohorts.length === 0 ? (
              <Alert color="orange" title="No cohorts yet">
                A campaign sends to a cohort.{' '}
                <Anchor component={Link} href="/cohorts">
                  Create a cohort
                </Anchor>{' '}
                from one of your databases first.
              </Alert>
            ) : (
              <Select
                label="Select Cohort"
                placeholder="Choose a cohort"
                required
                searchable
                allowDeselect={false}
                data={cohorts.map((candidate) => ({
                  value: candidate.id,
                  label: `${candidate.name} (${candidate.connectionName}${
                    candidate.lastCount === null ? '' : `, ${formatCount(candidate.lastCount)} rows`
                  })`,
                }))}
                {...form.getInputProps('cohortId')}
              />
            )}
          </Stack>
        )}

        {active === 1 && (
          <WizardEventStep
            form={form}
            events={events}
            sample={sampleState.sample}
            sampleError={sampleState.error}
            sampleLoading={sampleState.loading}
            workspacePhoneCountry={workspacePhoneCountry}
          />
        )}

        {active === 2 && <WizardReviewStep form={form} cohort={cohort} sample={sampleState.sample} />}

        {refusal && (
          <Alert
            mt="lg"
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title="Fyno refused the test event; nothing was created"
            role="alert"
            data-testid="trigger-refused"
          >
            <Stack gap="xs">
              <Text size="sm">{refusal.message ?? `Fyno answered with status ${refusal.status}.`}</Text>
              <Spoiler maxHeight={0} showLabel="Show Fyno's reply" hideLabel="Hide Fyno's reply">
                <Code block>{`HTTP ${refusal.status}\n${JSON.stringify(refusal.body, null, 2)}`}</Code>
              </Spoiler>
            </Stack>
          </Alert>
        )}
        {failure && (
          <Alert mt="lg" color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {failure}
          </Alert>
        )}

        <Group justify="space-between" mt="xl">
          <Group>
            {active > 0 ? (
              <Button
                variant="default"
                leftSection={<IconArrowLeft size={16} />}
                onClick={() => setActive(active - 1)}
              >
                Back
              </Button>
            ) : (
              <Button
                variant="default"
                component={Link}
                href={campaign ? `/campaigns/${campaign.id}` : '/campaigns'}
              >
                Cancel
              </Button>
            )}
          </Group>
          <Group>
            {active === 0 && nextButton(1, 'Next')}
            {active === 1 && nextButton(2, 'Next Step')}
            {active === 2 && campaign && (
              <Button
                variant="default"
                loading={saving === 'save'}
                disabled={saving !== null}
                onClick={() => void save(false)}
              >
                Save without a test
              </Button>
            )}
            {active === 2 && (
              <Button
                type="submit"
                leftSection={<IconSend size={16} />}
                loading={saving === 'trigger'}
                disabled={saving !== null}
              >
                Trigger Campaign
              </Button>
            )}
          </Group>
        </Group>
      </Paper>
    </form>
  );
}

/**
 * The cohort's columns and the first values of each destination column, fetched
 * again (after a short pause) whenever the cohort or a "To" column changes.
 */
function useCohortSample(cohortId: string, to: Partial<Record<FynoChannel, string>>, phoneCountry: string) {
  const [state, setState] = useState<{
    sample: CohortSampleView | null;
    error: string | null;
    loading: boolean;
  }>({ sample: null, error: null, loading: false });
  const key = useMemo(
    () =>
      JSON.stringify({
        cohortId,
        to: Object.fromEntries(Object.entries(to).filter(([, column]) => column)),
        phoneCountry: phoneCountry || null,
      }),
    [cohortId, to, phoneCountry],
  );
  useEffect(() => {
    const request = JSON.parse(key) as { cohortId: string; to: Record<string, string> };
    if (!request.cohortId) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      api<CohortSampleView>('POST', '/api/campaigns/drafts/sample', request)
        .then((sample) => current && setState({ sample, error: null, loading: false }))
        .catch(
          (error: unknown) =>
            current &&
            setState({
              sample: null,
              error: error instanceof Error ? error.message : 'The cohort could not be read.',
              loading: false,
            }),
        );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}
