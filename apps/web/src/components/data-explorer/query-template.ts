import type { SourceRef } from '@connect/connectors';
import { quoteSource } from './filter-as-query';

/** The Query editor's starting text: a SELECT of the chosen table, or a pipeline with an empty $match. */
export function queryTemplate(
  kind: string,
  language: 'sql' | 'mongodb-pipeline',
  source: SourceRef | undefined,
): string {
  if (language === 'mongodb-pipeline') return '[\n  { "$match": {} }\n]\n';
  return `SELECT *\nFROM ${source ? quoteSource(kind, source) : 'your_table'}\n`;
}
