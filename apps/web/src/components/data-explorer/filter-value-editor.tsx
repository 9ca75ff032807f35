'use client';

import type { FieldDescriptor } from '@connect/connectors';
import { type FilterOperator, operatorInfo } from '@connect/core';
import { Group, MultiSelect, NumberInput, Select, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { DatePickerInput, DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import type { ValueEditorProps } from 'react-querybuilder';
import type { DescribedField } from './filter-fields';
import { relativeUnitsFor } from './filter-fields';
import { RelativeDateInput } from './relative-date-input';

const noPortal = { withinPortal: false };

type Scalar = string | number | boolean;

/** A list value as an array, whether the builder holds an array or "a, b" text. */
function asList(value: unknown): Scalar[] {
  if (Array.isArray(value)) return value as Scalar[];
  if (typeof value === 'string' && value.trim() !== '') return value.split(',').map((part) => part.trim());
  return [];
}

/** A date-time rule value (ISO-8601, UTC) in the picker's local "YYYY-MM-DD HH:mm:ss". */
function toPicker(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : null;
}

/** The picker's local time as ISO-8601 in UTC: what the server compares with. */
function fromPicker(value: string | null): string {
  return value ? dayjs(value).toISOString() : '';
}

/** One value of the field's own type (or of its elements, for "contains" on a list). */
function SingleEditor({
  descriptor,
  value,
  onChange,
  disabled,
  label,
}: {
  descriptor: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  label: string;
}) {
  const type = descriptor.type === 'array' ? (descriptor.elementType ?? 'string') : descriptor.type;
  switch (type) {
    case 'number':
      return (
        <NumberInput
          aria-label={label}
          w={160}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          allowDecimal={!descriptor.integer}
          disabled={disabled}
          onChange={onChange}
        />
      );
    case 'boolean':
      return (
        <Switch
          aria-label={label}
          label={value === false ? 'false' : 'true'}
          checked={value !== false && value !== 'false'}
          disabled={disabled}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
    case 'date':
      return (
        <DatePickerInput
          aria-label={label}
          w={170}
          placeholder="Pick a day"
          valueFormat="YYYY-MM-DD"
          value={typeof value === 'string' && value !== '' ? value : null}
          disabled={disabled}
          popoverProps={noPortal}
          onChange={(day) => onChange(day ?? '')}
        />
      );
    case 'datetime':
      return (
        <DateTimePicker
          aria-label={label}
          w={220}
          placeholder="Pick a date and time"
          valueFormat="YYYY-MM-DD HH:mm"
          value={toPicker(value)}
          disabled={disabled}
          popoverProps={noPortal}
          onChange={(picked) => onChange(fromPicker(picked))}
        />
      );
    case 'enum':
      return (
        <Select
          aria-label={label}
          w={200}
          data={descriptor.enumValues ?? []}
          value={typeof value === 'string' ? value : null}
          searchable
          disabled={disabled}
          comboboxProps={noPortal}
          onChange={(next) => onChange(next ?? '')}
        />
      );
    default:
      return (
        <TextInput
          aria-label={label}
          w={220}
          placeholder={descriptor.format === 'uuid' ? '00000000-0000-0000-0000-000000000000' : 'Value'}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
          disabled={disabled}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

/**
 * The value part of a rule, following the field's type and the operator: number
 * inputs, date and date-time pickers, "last N days", a switch for true/false, a
 * multi-select of an enum's values and tags for "is one of".
 */
export function FilterValueEditor(props: ValueEditorProps) {
  const { operator, value, handleOnChange, disabled } = props;
  const descriptor = (props.fieldData as DescribedField | undefined)?.descriptor;
  const info = operatorInfo[operator as FilterOperator];
  if (!descriptor || !info) return null;
  const label = `Value for ${descriptor.name}`;

  switch (info.value) {
    case 'none':
      return null;
    case 'relative':
      return (
        <RelativeDateInput
          value={value as { amount?: number; unit?: never } | null}
          units={relativeUnitsFor(descriptor)}
          suffix={operator === 'moreThanAgo' ? 'ago' : undefined}
          disabled={disabled}
          onChange={handleOnChange}
        />
      );
    case 'day':
      return (
        <SingleEditor
          descriptor={{ ...descriptor, type: 'date' }}
          value={value}
          onChange={handleOnChange}
          disabled={disabled}
          label={label}
        />
      );
    case 'list':
      if (descriptor.type === 'enum')
        return (
          <MultiSelect
            aria-label={label}
            miw={220}
            data={descriptor.enumValues ?? []}
            value={asList(value).map(String)}
            searchable
            disabled={disabled}
            comboboxProps={noPortal}
            onChange={handleOnChange}
          />
        );
      return (
        <TagsInput
          aria-label={label}
          miw={240}
          placeholder="Type a value, press Enter"
          splitChars={[',', 'Enter']}
          value={asList(value).map(String)}
          disabled={disabled}
          comboboxProps={noPortal}
          onChange={handleOnChange}
        />
      );
    case 'range': {
      const [from, to] = asList(value);
      return (
        <Group gap={6} wrap="nowrap">
          <SingleEditor
            descriptor={descriptor}
            value={from ?? ''}
            label={`${label}, from`}
            disabled={disabled}
            onChange={(next) => handleOnChange([next, to ?? ''])}
          />
          <Text size="sm" c="dimmed">
            and
          </Text>
          <SingleEditor
            descriptor={descriptor}
            value={to ?? ''}
            label={`${label}, to`}
            disabled={disabled}
            onChange={(next) => handleOnChange([from ?? '', next])}
          />
        </Group>
      );
    }
    case 'single':
    case 'element':
      return (
        <SingleEditor
          descriptor={descriptor}
          value={value}
          onChange={handleOnChange}
          disabled={disabled}
          label={label}
        />
      );
  }
}
