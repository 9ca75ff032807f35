/**
 * The types a filter can be built on. Every connector maps its native column types
 * onto these, so the filter builder, the compilers and the contract tests speak one
 * vocabulary whatever the database.
 */
export const fieldTypes = [
  'string',
  'number',
  'boolean',
  'date',
  'datetime',
  'id',
  'json',
  'array',
  'enum',
] as const;

export type FieldType = (typeof fieldTypes)[number];

/** Human names for field types, used in messages ("age (a number)") and in the UI. */
export const fieldTypeLabels: Record<FieldType, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date',
  datetime: 'a date and time',
  id: 'an id',
  json: 'a JSON object',
  array: 'a list',
  enum: 'one of a fixed set of values',
};
