import type { FieldDescriptor, SourceDescription, SourceRef } from '@connect/connectors';
import { fieldTypeLabels } from '@connect/core';

/** A source offered to the model: its description and, only when allowed, sample values. */
export interface GroundedSource {
  ref: SourceRef;
  /** `formatSourceId(ref)`: how the model names it in its answer. */
  id: string;
  description: SourceDescription;
  estimatedRows?: number | null;
  /** Distinct example values per field name; present only when the admin switch allows it. */
  samples?: Record<string, string[]>;
}

/** Fields beyond this many per source are left out of the prompt (and said to be). */
export const maxFieldsPerSource = 300;

function quoteName(name: string): string {
  return JSON.stringify(name);
}

function describeField(field: FieldDescriptor, samples: string[] | undefined): string {
  const parts = [`${quoteName(field.name)}: ${field.type}`];
  const notes: string[] = [];
  if (field.integer) notes.push('whole numbers');
  if (field.type === 'array' && field.elementType) notes.push(`list of ${field.elementType}s`);
  if (field.format === 'uuid') notes.push('UUID');
  if (field.nullable) notes.push('may be empty');
  if (!field.filterable) notes.push('cannot be used in a filter');
  notes.push(`database type ${field.nativeType}`);
  parts.push(`(${notes.join(', ')})`);
  if (field.enumValues?.length) parts.push(`one of: ${field.enumValues.map(quoteName).join(', ')}`);
  if (samples?.length) parts.push(`sample values: ${samples.map(quoteName).join(', ')}`);
  return `- ${parts.join(' ')}`;
}

/**
 * A source as the prompt shows it: its id, primary key and every field with its
 * filter type, shape, native type and enum values (sample values only if given).
 */
export function describeGroundedSource(source: GroundedSource): string {
  const { description } = source;
  const fields = description.fields.slice(0, maxFieldsPerSource);
  const lines = [
    `Source ${quoteName(source.id)}${source.estimatedRows ? ` (about ${source.estimatedRows.toLocaleString('en-US')} rows)` : ''}:`,
  ];
  if (description.primaryKey.length > 0)
    lines.push(`Primary key: ${description.primaryKey.map(quoteName).join(', ')}`);
  lines.push('Fields (name: filter type):');
  for (const field of fields) lines.push(describeField(field, source.samples?.[field.name]));
  const omitted = description.fields.length - fields.length;
  if (omitted > 0) lines.push(`(${omitted} more fields are not listed; do not use them.)`);
  return lines.join('\n');
}

/** Filter types, labelled: part of the legend the prompt gives. */
export function fieldTypeLegend(): string {
  return Object.entries(fieldTypeLabels)
    .map(([type, label]) => `${type} = ${label}`)
    .join('; ');
}
