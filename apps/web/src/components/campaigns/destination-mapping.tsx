'use client';

import { fynoChannelLabels, type FynoChannel } from '@connect/core';
import { Badge, Group, Loader, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { CohortSampleView } from './wizard-types';
import type { WizardValues } from './wizard-values';

/**
 * "To": for each channel of the event, the cohort column holding its destination,
 * with the first values as read and as they would be sent, and how many of the
 * first rows hold a valid one.
 */
export function DestinationMapping({
  form,
  channels,
  columns,
  sample,
  loading,
}: {
  form: UseFormReturnType<WizardValues>;
  channels: FynoChannel[];
  columns: string[];
  sample: CohortSampleView | null;
  loading: boolean;
}) {
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
      {form.errors['mapping.to'] && (
        <Text size="sm" c="red">
          {form.errors['mapping.to']}
        </Text>
      )}
    </Stack>
  );
}
