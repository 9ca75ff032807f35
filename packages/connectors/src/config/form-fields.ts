import { z } from 'zod';

/** How one config field appears in the "Add database" form. */
export interface FormFieldMeta {
  label: string;
  placeholder?: string;
  /** One sentence under the field: what to enter, where to find it. */
  help?: string;
  /** Secret fields are stored encrypted, never sent back to the browser, and left unchanged when submitted blank. */
  secret?: boolean;
  input?: 'text' | 'password' | 'textarea' | 'number';
}

export interface FormField extends FormFieldMeta {
  /** The config key. */
  name: string;
  input: NonNullable<FormFieldMeta['input']>;
  required: boolean;
  secret: boolean;
  defaultValue?: unknown;
}

/** Form metadata attached to the config schemas' fields (zod's registry keeps it beside the schema). */
export const formFieldRegistry = z.registry<FormFieldMeta>();

/** Registers form metadata on a config field's schema and returns the schema. */
export function formField<T extends z.ZodType>(schema: T, meta: FormFieldMeta): T {
  formFieldRegistry.add(schema, meta);
  return schema;
}

/**
 * The form for a config schema, in field order: what the web app renders for "Add
 * database". Fields without metadata are not part of the form.
 */
export function formFieldsOf(schema: z.ZodObject): FormField[] {
  const fields: FormField[] = [];
  for (const [name, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const meta = formFieldRegistry.get(fieldSchema);
    if (!meta) continue;
    const empty = fieldSchema.safeParse(undefined);
    const field: FormField = {
      ...meta,
      name,
      input: meta.input ?? (meta.secret ? 'password' : 'text'),
      required: !empty.success,
      secret: meta.secret ?? false,
    };
    if (empty.success && empty.data !== undefined) field.defaultValue = empty.data;
    fields.push(field);
  }
  return fields;
}

/** The names of the secret fields of a config schema: what the store must encrypt. */
export function secretFieldsOf(schema: z.ZodObject): string[] {
  return formFieldsOf(schema)
    .filter((field) => field.secret)
    .map((field) => field.name);
}
