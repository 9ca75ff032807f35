'use client';

import type { RelativeDateUnit, RelativeDateValue } from '@connect/core';
import { Group, NumberInput, Select, Text } from '@mantine/core';

const unitLabels: Record<RelativeDateUnit, string> = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  weeks: 'weeks',
  months: 'months',
  years: 'years',
};

/**
 * "in the last 7 days": an amount and a unit, stored as such (never as a date), so
 * a saved cohort means the same thing at every future campaign run.
 */
export function RelativeDateInput({
  value,
  onChange,
  units,
  suffix,
  disabled,
}: {
  value: Partial<RelativeDateValue> | null | undefined;
  onChange: (value: { amount: number | string; unit: RelativeDateUnit }) => void;
  units: readonly RelativeDateUnit[];
  /** "ago" for "more than ... ago". */
  suffix?: string;
  disabled?: boolean;
}) {
  const amount = value?.amount ?? '';
  const unit =
    value?.unit && units.includes(value.unit) ? value.unit : units.includes('days') ? 'days' : units[0]!;
  return (
    <Group gap={6} wrap="nowrap">
      <NumberInput
        aria-label="Amount"
        w={90}
        min={1}
        max={100_000}
        allowDecimal={false}
        allowNegative={false}
        value={amount}
        disabled={disabled}
        onChange={(next) => onChange({ amount: next, unit })}
      />
      <Select
        aria-label="Unit"
        w={120}
        data={units.map((name) => ({ value: name, label: unitLabels[name] }))}
        value={unit}
        allowDeselect={false}
        disabled={disabled}
        comboboxProps={{ withinPortal: false }}
        onChange={(next) => next && onChange({ amount, unit: next as RelativeDateUnit })}
      />
      {suffix && (
        <Text size="sm" c="dimmed">
          {suffix}
        </Text>
      )}
    </Group>
  );
}
