import type { Monaco } from '@monaco-editor/react';
import type { editor, IDisposable, languages, Position } from 'monaco-editor';

/** What the editor of one query can suggest: the database's tables and the chosen table's fields. */
export interface QueryCompletions {
  /** Tables, views or collections, as they are written in a query. */
  sources: { label: string; insertText: string; detail: string }[];
  fields: { name: string; detail: string }[];
}

const sqlKeywords = [
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'IS NOT NULL',
  'LIKE',
  'BETWEEN',
  'ORDER BY',
  'GROUP BY',
  'HAVING',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'ON',
  'AS',
  'DISTINCT',
  'COUNT(*)',
  'WITH',
];

const pipelineStages = [
  '$match',
  '$project',
  '$addFields',
  '$sort',
  '$limit',
  '$skip',
  '$unwind',
  '$lookup',
  '$group',
];
const pipelineOperators = [
  '$and',
  '$or',
  '$not',
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$size',
  '$expr',
];

/** Completions per editor model: several editors may be open, each on its own source. */
const byModel = new Map<string, QueryCompletions>();
const registered = new WeakSet<object>();

/** Sets what the editor of `model` suggests. */
export function setQueryCompletions(model: editor.ITextModel, completions: QueryCompletions): void {
  byModel.set(model.uri.toString(), completions);
}

export function clearQueryCompletions(model: editor.ITextModel): void {
  byModel.delete(model.uri.toString());
}

function rangeAt(model: editor.ITextModel, position: Position) {
  const word = model.getWordUntilPosition(position);
  return {
    startLineNumber: position.lineNumber,
    endLineNumber: position.lineNumber,
    startColumn: word.startColumn,
    endColumn: word.endColumn,
  };
}

/**
 * Registers the SQL and JSON completion providers once per Monaco instance. They
 * read the per-model completions above, so each editor suggests its own source's
 * tables and fields.
 */
export function registerQueryCompletions(monaco: Monaco): IDisposable | undefined {
  if (registered.has(monaco)) return undefined;
  registered.add(monaco);
  const kinds = monaco.languages.CompletionItemKind;

  const sql = monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.', '"', '`'],
    provideCompletionItems(model: editor.ITextModel, position: Position) {
      const found = byModel.get(model.uri.toString());
      const range = rangeAt(model, position);
      const suggestions: languages.CompletionItem[] = [
        ...(found?.sources ?? []).map((source) => ({
          label: source.label,
          kind: kinds.Struct,
          detail: source.detail,
          insertText: source.insertText,
          range,
        })),
        ...(found?.fields ?? []).map((field) => ({
          label: field.name,
          kind: kinds.Field,
          detail: field.detail,
          insertText: field.name,
          range,
        })),
        ...sqlKeywords.map((keyword) => ({
          label: keyword,
          kind: kinds.Keyword,
          insertText: keyword,
          range,
        })),
      ];
      return { suggestions };
    },
  });

  const json = monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', '$'],
    provideCompletionItems(model: editor.ITextModel, position: Position) {
      const found = byModel.get(model.uri.toString());
      const range = rangeAt(model, position);
      const suggestions: languages.CompletionItem[] = [
        ...(found?.fields ?? []).flatMap((field) => [
          { label: field.name, kind: kinds.Field, detail: field.detail, insertText: field.name, range },
          {
            label: `$${field.name}`,
            kind: kinds.Variable,
            detail: `${field.detail} (value)`,
            insertText: `$${field.name}`,
            range,
          },
        ]),
        ...(found?.sources ?? []).map((source) => ({
          label: source.label,
          kind: kinds.Struct,
          detail: source.detail,
          insertText: source.insertText,
          range,
        })),
        ...pipelineStages.map((stage) => ({
          label: stage,
          kind: kinds.Function,
          detail: 'pipeline stage',
          insertText: stage,
          range,
        })),
        ...pipelineOperators.map((operator) => ({
          label: operator,
          kind: kinds.Operator,
          insertText: operator,
          range,
        })),
      ];
      return { suggestions };
    },
  });

  return { dispose: () => (sql.dispose(), json.dispose()) };
}
