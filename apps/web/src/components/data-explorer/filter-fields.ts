import type { FieldDescriptor } from '@connect/connectors';
import {
  calendarDateUnits,
  type FieldType,
  type FilterOperator,
  operatorInfo,
  operatorsByFieldType,
  relativeDateUnits,
  type RelativeDateUnit,
} from '@connect/core';
import type { Field, FullOperator } from 'react-querybuilder';

/** Short type names, as column headers and the field picker show them. */
export const shortTypeNames: Record<FieldType, string> = {
  number: 'number',
  boolean: 'true/false',
  date: 'date',
  datetime: 'date-time',
  id: 'id',
  json: 'object',
  array: 'list',
  enum: 'enum',
  string: 'text',
};

/** A react-querybuilder field that remembers what the connector said about it. */
export interface DescribedField extends Field {
  descriptor: FieldDescriptor;
}

/** The operators a field's type allows, labelled as the filter builder shows them. */
export function operatorsFor(descriptor: FieldDescriptor): FullOperator[] {
  return operatorsByFieldType[descriptor.type].map((name) => ({
    name,
    value: name,
    label: operatorInfo[name].label,
  }));
}

/**
 * The field picker's list: every filterable field of the source, labelled with its
 * type ("signed_up_at (date-time)"), operators following the type.
 */
export function filterFields(fields: readonly FieldDescriptor[]): DescribedField[] {
  return fields
    .filter((field) => field.filterable)
    .map((descriptor) => ({
      name: descriptor.name,
      value: descriptor.name,
      label: `${descriptor.name} (${shortTypeNames[descriptor.type]})`,
      operators: operatorsFor(descriptor),
      descriptor,
    }));
}

/** The units a relative date rule offers: no minutes or hours on a calendar date. */
export function relativeUnitsFor(descriptor: FieldDescriptor | undefined): readonly RelativeDateUnit[] {
  return descriptor?.type === 'date' ? calendarDateUnits : relativeDateUnits;
}

/** A sensible starting value when a rule's field or operator changes. */
export function defaultValueFor(descriptor: FieldDescriptor | undefined, operator: string): unknown {
  const info = operatorInfo[operator as FilterOperator];
  if (!info || !descriptor) return '';
  switch (info.value) {
    case 'none':
      return null;
    case 'relative':
      return { amount: 7, unit: 'days' };
    case 'list':
      return [];
    case 'range':
      return ['', ''];
    case 'day':
      return '';
    case 'single':
    case 'element':
      if (descriptor.type === 'boolean') return true;
      if (descriptor.type === 'enum') return descriptor.enumValues?.[0] ?? '';
      return '';
  }
}
