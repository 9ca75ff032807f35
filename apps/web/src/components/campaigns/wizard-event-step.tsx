'use client';

import { Alert, Anchor, Divider, Select, Stack, Text, Title } from '@mantine/core';
import type { PhoneCountry } from '@connect/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconBell } from '@tabler/icons-react';
import Link from 'next/link';
import { DataMapping, DistinctIdSelect } from './data-mapping';
import { DestinationMapping } from './destination-mapping';
import { ScheduleEditor } from './schedule-editor';
import type { CohortSampleView, WizardEvent } from './wizard-types';
import type { PlaceholderChoice, WizardValues } from './wizard-values';

/**
 * Step 2: the notification event, one time or recurring, "To" (a column per channel)
 * and "Data" (a column or fixed text per placeholder).
 */
export function WizardEventStep({
  form,
  events,
  sample,
  sampleError,
  sampleLoading,
  workspacePhoneCountry,
}: {
  form: UseFormReturnType<WizardValues>;
  events: WizardEvent[];
  sample: CohortSampleView | null;
  sampleError: string | null;
  sampleLoading: boolean;
  workspacePhoneCountry: PhoneCountry | null;
}) {
  const values = form.getValues();
  const event = events.find((candidate) => candidate.name === values.mapping.eventName);
  const columns = sample?.columns ?? [];

  function chooseEvent(name: string | null) {
    const chosen = events.find((candidate) => candidate.name === name);
    const current = form.getValues().mapping;
    // Keep what still applies; a placeholder named like a column starts mapped to it.
    const to = Object.fromEntries(
      (chosen?.channels ?? []).map((channel) => [channel, current.to[channel] ?? '']),
    );
    const data: Record<string, PlaceholderChoice> = Object.fromEntries(
      (chosen?.placeholders ?? []).map((placeholder) => [
        placeholder,
        current.data[placeholder] ?? {
          kind: 'column',
          column: columns.includes(placeholder) ? placeholder : '',
          text: '',
        },
      ]),
    );
    form.setFieldValue('mapping', { ...current, eventName: name ?? '', to, data });
    form.setFieldValue('test.channel', '');
  }

  if (events.length === 0) {
    return (
      <Alert color="orange" icon={<IconBell size={18} />} title="No notification events yet">
        Campaigns send a notification event you have created in Fyno. Add it to the catalog under{' '}
        <Anchor component={Link} href="/settings/events">
          Settings → Events
        </Anchor>{' '}
        with its channels and placeholders, then come back.
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <Select
        label="Notification Event Name"
        description="A notification event from your Fyno workspace, as listed under Settings → Events."
        placeholder="Choose an event"
        data={events.map((candidate) => ({
          value: candidate.name,
          label: candidate.description ? `${candidate.name} — ${candidate.description}` : candidate.name,
        }))}
        searchable
        required
        maw={520}
        value={values.mapping.eventName || null}
        onChange={chooseEvent}
        error={form.errors['mapping.eventName']}
        data-autofocus
      />

      <ScheduleEditor form={form} />

      {sampleError && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          role="alert"
          title="The cohort could not be read"
        >
          {sampleError}
        </Alert>
      )}

      {event && (
        <>
          <Divider />
          <Stack gap={4}>
            <Title order={3} size="h5">
              To
            </Title>
            <Text size="sm" c="dimmed">
              For each channel of {event.name}, the cohort column that holds the destination. Rows without a
              valid destination on any channel are left out of the run.
            </Text>
          </Stack>
          <DestinationMapping
            form={form}
            channels={event.channels}
            columns={columns}
            sample={sample}
            loading={sampleLoading}
            workspacePhoneCountry={workspacePhoneCountry}
          />
          <Divider />
          <Stack gap={4}>
            <Title order={3} size="h5">
              Data
            </Title>
            <Text size="sm" c="dimmed">
              The values of the template&apos;s placeholders for each user.
            </Text>
          </Stack>
          <DataMapping form={form} placeholders={event.placeholders} columns={columns} sample={sample} />
          <DistinctIdSelect form={form} columns={columns} />
        </>
      )}
    </Stack>
  );
}
