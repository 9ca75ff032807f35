'use client';

import {
  type CampaignInput,
  campaignMappingSchema,
  describeScheduleWhen,
  fynoChannelLabels,
  type FynoChannel,
} from '@connect/core';
import {
  Accordion,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { DryRunPanel } from './dry-run-panel';
import { formatCount } from './format';
import type { CohortSampleView, WizardCohort } from './wizard-types';
import { parsedSchedule, toCampaignInput, type WizardValues } from './wizard-values';

const destinationHints: Partial<Record<FynoChannel, string>> = {
  email: 'you@example.com',
  sms: '+14155552671',
  whatsapp: '+14155552671',
  voice: '+14155552671',
  push: 'fcm_token:…',
};

/**
 * Step 3: what will be sent, to whom and when; the dry run; sending limits; and the
 * test destination for "Trigger Campaign".
 */
export function WizardReviewStep({
  form,
  cohort,
  sample,
}: {
  form: UseFormReturnType<WizardValues>;
  cohort: WizardCohort | undefined;
  sample: CohortSampleView | null;
}) {
  const values = form.getValues();
  const input: CampaignInput = toCampaignInput(values);
  const mapping = campaignMappingSchema.parse(input.mapping);
  const schedule = parsedSchedule(values);
  const channels = Object.keys(mapping.to) as FynoChannel[];
  const testData = Object.fromEntries(
    Object.entries(mapping.data).map(([name, source]) => [
      name,
      source.kind === 'text' ? source.text : (sample?.firstRow?.[source.column] ?? null),
    ]),
  );

  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          Summary
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false} data-testid="campaign-summary">
          <Table.Tbody>
            <Row label="Name">{values.name}</Row>
            <Row label="Campaign Type">{values.type}</Row>
            <Row label="Cohort">
              {cohort?.name ?? '—'}
              {cohort?.lastCount !== null && cohort?.lastCount !== undefined && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  · {cohort.lastCountKind === 'estimate' ? 'about ' : ''}
                  {formatCount(cohort.lastCount)} rows when last counted
                </Text>
              )}
            </Row>
            <Row label="Notification event">
              <Text span ff="monospace" size="sm">
                {mapping.eventName}
              </Text>
            </Row>
            <Row label="To">
              {channels.map((channel) => `${fynoChannelLabels[channel]} ← ${mapping.to[channel]}`).join(', ')}
            </Row>
            <Row label="Data">
              {Object.entries(mapping.data)
                .map(([name, source]) =>
                  source.kind === 'column' ? `${name} ← ${source.column}` : `${name} = “${source.text}”`,
                )
                .join(', ') || 'No placeholders'}
            </Row>
            {mapping.distinctIdColumn && <Row label="distinct_id">{mapping.distinctIdColumn}</Row>}
            <Row label="When">
              {schedule
                ? describeScheduleWhen(schedule)
                : 'One time, now: the run starts once the test is accepted'}
            </Row>
          </Table.Tbody>
        </Table>
      </Paper>

      <DryRunPanel cohortId={values.cohortId} mapping={mapping} />

      <Accordion variant="contained">
        <Accordion.Item value="limits">
          <Accordion.Control>Sending limits (optional)</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              <NumberInput
                label="Sends per second for this campaign"
                description="Empty: only the workspace-wide limit applies."
                min={1}
                max={100_000}
                allowDecimal={false}
                maw={300}
                {...form.getInputProps('rateLimitPerSecond')}
              />
              <Checkbox
                label="Stop the run when too many sends fail"
                {...form.getInputProps('stopOnFailures', { type: 'checkbox' })}
              />
              {values.stopOnFailures && (
                <Group align="flex-start">
                  <NumberInput
                    label="Failure rate"
                    suffix=" %"
                    min={1}
                    max={100}
                    allowDecimal={false}
                    w={160}
                    {...form.getInputProps('failureRatePercent')}
                  />
                  <NumberInput
                    label="After at least"
                    suffix=" attempts"
                    min={1}
                    allowDecimal={false}
                    w={200}
                    {...form.getInputProps('minimumAttempts')}
                  />
                </Group>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>

      <Paper withBorder p="md">
        <Title order={3} size="h5">
          Test before sending
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          &quot;Trigger Campaign&quot; fires the event once to the destination below with the first row&apos;s
          data. Only when Fyno accepts it is the campaign saved
          {schedule === null ? ' and sent to the cohort' : ' and scheduled'}.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
          <Select
            label="Channel"
            data={channels.map((channel) => ({ value: channel, label: fynoChannelLabels[channel] }))}
            allowDeselect={false}
            {...form.getInputProps('test.channel')}
          />
          <TextInput
            label="To"
            required
            placeholder={destinationHints[values.test.channel as FynoChannel] ?? 'Test destination'}
            description="A test address or number of your own."
            {...form.getInputProps('test.destination')}
          />
        </SimpleGrid>
        {Object.keys(testData).length > 0 && (
          <Text size="xs" c="dimmed" mt="sm">
            Data sent with the test: <Code>{JSON.stringify(testData)}</Code>
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
