'use client';

import { fynoChannelLabels, type FynoChannel, type PhoneCountry, phoneCountryName } from '@connect/core';
import { Badge, Group, Loader, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { phoneCountryLabel, usePhoneCountryOptions } from '@/components/phone-country-options';
import type { CohortSampleView } from './wizard-types';
import type { WizardValues } from './wizard-values';

const phoneChannels: readonly FynoChannel[] = ['sms', 'whatsapp', 'voice'];
// Select options need a non-empty value; the form keeps '' for "the workspace's country".
const workspaceDefault = 'workspace';

/**
 * "To": for each channel of the event, the cohort column holding its destination,
 * with the first values as read and as they would be sent, and how many of the
 * first rows hold a valid one; with a phone channel, the country assumed for numbers
 * written without a country code (the workspace's unless the campaign picks one).
 */
export function DestinationMapping({
  form,
  channels,
  columns,
  sample,
  loading,
  workspacePhoneCountry,
}: {
  form: UseFormReturnType<WizardValues>;
  channels: FynoChannel[];
  columns: string[];
  sample: CohortSampleView | null;
  loading: boolean;
  workspacePhoneCountry: PhoneCountry | null;
}) {
  const countries = usePhoneCountryOptions();
  const phoneCountry = form.getValues().mapping.phoneCountry;
  const hasPhoneChannel = channels.some((channel) => phoneChannels.includes(channel));
  // The country the sample was read with (the campaign's, else the workspace's).
  const readIn = sample?.phoneCountry ?? null;
  return (
    <Stack gap="md">
      {channels.map((channel) => {
        const column = form.getValues().mapping.to[channel] ?? '';
        const destinations = sample?.destinations[channel];
        const current = destinations && destinations.column === column ? destinations : null;
        const label = fynoChannelLabels[channel];
        return (
          <Stack key={channel} gap={6} data-testid={`to-${channel}`}>
            <Select
              label={label}
              placeholder="Not sent on this channel"
              data={columns}
              searchable
              clearable
              maw={360}
              value={column || null}
              onChange={(value) => form.setFieldValue(`mapping.to.${channel}`, value ?? '')}
              error={form.errors[`mapping.to.${channel}`]}
            />
            {column && !current && loading && (
              <Group gap={6}>
                <Loader size="xs" />
                <Text size="xs" c="dimmed">
                  Reading the first rows…
                </Text>
              </Group>
            )}
            {current && sample && (
              <Stack gap={4}>
                <Text size="sm" data-testid={`to-${channel}-valid`}>
                  <Text span fw={600}>
                    {current.valid} of the first {sample.sampled}
                  </Text>{' '}
                  {sample.sampled === 1 ? 'row has' : 'rows have'} a valid {label.toLowerCase()} destination
                  {sample.more ? '' : ' (that is the whole cohort)'}.
                  {current.madeValidByPhoneCountry > 0 && readIn && (
                    <>
                      {' '}
                      {current.madeValidByPhoneCountry} of them had no country code and are read as{' '}
                      {phoneCountryLabel(readIn)} numbers.
                    </>
                  )}
                </Text>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    First values:
                  </Text>
                  {current.examples.map((example, index) => (
                    <Badge
                      key={index}
                      variant="light"
                      color={example.ok ? 'green' : 'red'}
                      tt="none"
                      leftSection={example.ok ? <IconCheck size={12} /> : <IconX size={12} />}
                    >
                      {example.raw ?? 'empty'}
                      {example.ok
                        ? example.value !== example.raw
                          ? ` → ${example.value}`
                          : ''
                        : ` (${example.reason})`}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            )}
          </Stack>
        );
      })}
      {hasPhoneChannel && (
        <Select
          label="Phone numbers without a country code"
          description={
            workspacePhoneCountry
              ? 'Numbers such as 9876500001 are read in this country.'
              : 'Numbers such as 9876500001 are left out unless a country is chosen here or in Settings → Phone numbers.'
          }
          data={[
            {
              value: workspaceDefault,
              label: `Workspace default (${workspacePhoneCountry ? phoneCountryName(workspacePhoneCountry) : 'none'})`,
            },
            ...countries,
          ]}
          searchable
          allowDeselect={false}
          maw={360}
          value={phoneCountry || workspaceDefault}
          onChange={(value) =>
            form.setFieldValue('mapping.phoneCountry', !value || value === workspaceDefault ? '' : value)
          }
          data-testid="to-phone-country"
        />
      )}
      {form.errors['mapping.to'] && (
        <Text size="sm" c="red">
          {form.errors['mapping.to']}
        </Text>
      )}
    </Stack>
  );
}
