'use client';

import { Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { CohortSampleView } from './wizard-types';
import type { WizardValues } from './wizard-values';

/**
 * "Data": each template placeholder filled from a cohort column or with fixed text,
 * with the value the first row would give it.
 */
export function DataMapping({
  form,
  placeholders,
  columns,
  sample,
}: {
  form: UseFormReturnType<WizardValues>;
  placeholders: string[];
  columns: string[];
  sample: CohortSampleView | null;
}) {
  if (placeholders.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This event&apos;s templates use no placeholders. Add them to the event under Settings → Events if they
        do.
      </Text>
    );
  }
  const data = form.getValues().mapping.data;
  return (
    <Table verticalSpacing="xs" withRowBorders={false} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="24%">Placeholder</Table.Th>
          <Table.Th w="22%">From</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th w="24%">First row gives</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {placeholders.map((name) => {
          const choice = data[name] ?? { kind: 'column', column: '', text: '' };
          const firstValue =
            choice.kind === 'text'
              ? choice.text
              : choice.column
                ? sample?.firstRow?.[choice.column]
                : undefined;
          return (
            <Table.Tr key={name} data-testid={`data-${name}`}>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {name}
                </Text>
              </Table.Td>
              <Table.Td>
                <SegmentedControl
                  size="xs"
                  aria-label={`Where ${name} comes from`}
                  data={[
                    { value: 'column', label: 'Column' },
                    { value: 'text', label: 'Fixed text' },
                  ]}
                  value={choice.kind}
                  onChange={(kind) =>
                    form.setFieldValue(`mapping.data.${name}`, { ...choice, kind: kind as 'column' | 'text' })
                  }
                />
              </Table.Td>
              <Table.Td>
                {choice.kind === 'column' ? (
                  <Select
                    aria-label={`Column for ${name}`}
                    placeholder="Choose a column"
                    data={columns}
                    searchable
                    value={choice.column || null}
                    onChange={(column) =>
                      form.setFieldValue(`mapping.data.${name}`, { ...choice, column: column ?? '' })
                    }
                    error={form.errors[`mapping.data.${name}`]}
                  />
                ) : (
                  <TextInput
                    aria-label={`Text for ${name}`}
                    placeholder="The same text for everyone"
                    value={choice.text}
                    onChange={(event) =>
                      form.setFieldValue(`mapping.data.${name}`, {
                        ...choice,
                        text: event.currentTarget.value,
                      })
                    }
                    error={form.errors[`mapping.data.${name}`]}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm" c={firstValue === undefined ? 'dimmed' : undefined} truncate>
                    {firstValue === undefined ? '—' : firstValue === null ? 'empty' : String(firstValue)}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The optional column with Fyno's distinct_id for each user. */
export function DistinctIdSelect({
  form,
  columns,
}: {
  form: UseFormReturnType<WizardValues>;
  columns: string[];
}) {
  return (
    <Stack gap={4}>
      <Select
        label="distinct_id column (optional)"
        description="Fyno's id for each user, so every send shows up on that user's profile in Fyno."
        placeholder="None"
        data={columns}
        searchable
        clearable
        maw={360}
        value={form.getValues().mapping.distinctIdColumn || null}
        onChange={(value) => form.setFieldValue('mapping.distinctIdColumn', value ?? '')}
      />
    </Stack>
  );
}
