import type { SourceDescription, SourceSummary } from '@connect/connectors';
import { describe, expect, it } from 'vitest';
import { rankSources, termsOf } from './pick-sources';

const summary = (name: string, estimatedRows: number | null, schema = 'public'): SourceSummary => ({
  ref: { schema, name },
  id: `${schema}.${name}`,
  type: 'table',
  estimatedRows,
});
const described = (names: string[]): SourceDescription => ({
  ref: { name: 'x' },
  fields: names.map((name) => ({
    name,
    type: 'string',
    nativeType: 'text',
    nullable: true,
    filterable: true,
  })),
  primaryKey: [],
  uniqueFields: [],
});

describe('termsOf', () => {
  it('splits names and sentences into singular lower-case words', () => {
    expect(termsOf('SignedUpAt')).toEqual(['signed', 'up', 'at']);
    expect(termsOf('order_items')).toEqual(['order', 'item']);
    expect(termsOf('Companies with subscriptions')).toEqual(['company', 'with', 'subscription']);
  });
});

describe('rankSources', () => {
  it('puts the table named in the prompt first, then tables whose columns it mentions', () => {
    const ranked = rankSources('customers on the pro plan who churned', [
      { summary: summary('audit_log', 5_000_000), description: described(['actor', 'action']) },
      { summary: summary('accounts', 100), description: described(['plan', 'churned_at']) },
      { summary: summary('customers', 2_000), description: described(['name', 'email']) },
    ]);
    expect(ranked.map((entry) => entry.summary.ref.name)).toEqual(['customers', 'accounts', 'audit_log']);
    expect(ranked.at(-1)?.score).toBe(0);
  });

  it('breaks ties by size, so an unspecific prompt offers the big tables first', () => {
    const ranked = rankSources('everyone', [
      { summary: summary('countries', 200) },
      { summary: summary('people', 90_000) },
      { summary: summary('view_without_estimate', null) },
    ]);
    expect(ranked.map((entry) => entry.summary.ref.name)).toEqual([
      'people',
      'countries',
      'view_without_estimate',
    ]);
  });
});
