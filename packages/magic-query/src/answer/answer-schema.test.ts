import { filterOperators } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { answerJsonSchema, maxEnumValues } from './answer-schema';

type Schema = Record<string, unknown> & {
  properties: Record<string, unknown>;
  required: string[];
  $defs: Record<string, { properties: Record<string, { enum?: string[] }>; required: string[] }>;
};

/** Every object in the schema, for the checks strict structured outputs make. */
function objects(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((child) => objects(child, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'object') found.push(record);
    Object.values(record).forEach((child) => objects(child, found));
  }
  return found;
}

describe('answerJsonSchema', () => {
  it('is strict-mode shaped: every object closed, every property required', () => {
    const { schema } = answerJsonSchema({ fields: ['age', 'plan'], sources: ['public.users'] });
    for (const object of objects(schema)) {
      expect(object.additionalProperties).toBe(false);
      expect(object.required).toEqual(Object.keys(object.properties as object));
    }
  });

  it('allows only the described fields and our operators, and the offered sources', () => {
    const schema = answerJsonSchema({ fields: ['age', 'plan'], sources: ['public.users', 'crm.accounts'] })
      .schema as Schema;
    expect(schema.$defs.rule!.properties.field!.enum).toEqual(['age', 'plan']);
    expect(schema.$defs.rule!.properties.operator!.enum).toEqual(filterOperators);
    expect(JSON.stringify(schema.properties.source)).toContain('"enum":["public.users","crm.accounts"]');
  });

  it('has no source property when the source is fixed', () => {
    const schema = answerJsonSchema({ fields: ['age'], sources: null }).schema as Schema;
    expect(schema.properties).not.toHaveProperty('source');
    expect(schema.required).not.toContain('source');
  });

  it('falls back to plain text field names past the enum limit of strict mode', () => {
    const fields = Array.from({ length: maxEnumValues + 1 }, (_, index) => `field_${index}`);
    const schema = answerJsonSchema({ fields, sources: null }).schema as Schema;
    expect(schema.$defs.rule!.properties.field).toEqual({ type: 'string' });
  });
});
