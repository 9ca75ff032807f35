import type { SortKey, SourceRef } from '@connect/connectors';
import type { Definition } from '@connect/core';
import { prepareRuleGroup, type RuleGroupType } from 'react-querybuilder';
import { emptyFilter, fromQueryBuilder, toQueryBuilder } from './filter-conversion';

export type ExplorerMode = 'filter' | 'query';

/** The source the explorer reads, as far as its requests need it. */
export interface ExplorerSource {
  id: string;
  ref: SourceRef;
}

/**
 * Everything the data explorer's user has chosen: the source, the two editors'
 * drafts, what the table shows, and how it is sorted and paged. Requests and their
 * results live beside it (see use-explorer.ts); this is only what the user decides.
 */
export interface ExplorerModel {
  source: ExplorerSource | null;
  mode: ExplorerMode;
  filterDraft: RuleGroupType;
  queryDraft: string;
  /** The starting query of the current source: a draft still equal to it follows the next source. */
  queryTemplate: string;
  /**
   * The definition the table shows. `run` grows on every Apply, so applying the same
   * definition again reads the database again.
   */
  applied: { definition: Definition; run: number } | null;
  sort: SortKey | null;
  page: number;
  pageSize: number;
  viewAsQuery: boolean;
  /** The saved definition to open with, until the first source arrives. */
  opening: Definition | null;
  /** A generated definition about another source, shown once the explorer is on it. */
  waiting: { sourceId: string; definition: Definition } | null;
}

export type ExplorerAction =
  /** The parent chose a source (or none); `template` is its starting query. */
  | { type: 'source-changed'; source: ExplorerSource | null; template: string }
  | { type: 'mode-changed'; mode: ExplorerMode }
  | { type: 'filter-edited'; filter: RuleGroupType }
  | { type: 'query-edited'; query: string }
  | { type: 'applied' }
  /** Magic Query's answer: shown now, or once the explorer is on `sourceId`. */
  | { type: 'generated'; definition: Definition; sourceId: string | null }
  | { type: 'sorted-by'; field: string }
  | { type: 'page-changed'; page: number }
  | { type: 'page-size-changed'; pageSize: number }
  | { type: 'view-as-query-toggled'; open: boolean }
  /** "Edit in Query" from the view-as-query dialog. */
  | { type: 'edited-as-query'; query: string };

export function initialExplorerModel(options: {
  initialDefinition?: Definition;
  template: string;
}): ExplorerModel {
  const { initialDefinition, template } = options;
  return {
    source: null,
    mode: initialDefinition?.type === 'query' ? 'query' : 'filter',
    filterDraft:
      initialDefinition?.type === 'filter' ? toQueryBuilder(initialDefinition.filter) : emptyFilter(),
    queryDraft: initialDefinition?.type === 'query' ? initialDefinition.query : template,
    queryTemplate: template,
    applied: null,
    sort: null,
    page: 1,
    pageSize: 50,
    viewAsQuery: false,
    opening: initialDefinition ?? null,
    waiting: null,
  };
}

/** The definition the editor holds now (what "Apply" shows and "Save Cohort" saves). */
export function draftDefinition(
  model: Pick<ExplorerModel, 'mode' | 'filterDraft' | 'queryDraft'>,
): Definition {
  return model.mode === 'filter'
    ? { type: 'filter', filter: fromQueryBuilder(model.filterDraft) }
    : { type: 'query', query: model.queryDraft };
}

const nextRun = (model: ExplorerModel) => (model.applied?.run ?? 0) + 1;

/** A sort that cycles ascending, descending, none on the same column. */
export function cycleSort(sort: SortKey | null, field: string): SortKey | null {
  if (sort?.field !== field) return { field, direction: 'asc' };
  return sort.direction === 'asc' ? { field, direction: 'desc' } : null;
}

/** Puts a definition in its editor, editable, and shows its rows from the first page. */
function show(model: ExplorerModel, definition: Definition): ExplorerModel {
  if (definition.type === 'query') {
    return {
      ...model,
      mode: 'query',
      queryDraft: definition.query,
      sort: null,
      page: 1,
      applied: { definition, run: nextRun(model) },
    };
  }
  // With the ids the builder would give it, so the draft and the applied filter stay equal.
  const prepared = prepareRuleGroup(toQueryBuilder(definition.filter));
  return {
    ...model,
    mode: 'filter',
    filterDraft: prepared,
    sort: null,
    page: 1,
    applied: { definition: { type: 'filter', filter: fromQueryBuilder(prepared) }, run: nextRun(model) },
  };
}

/**
 * A new source starts from an empty filter showing all its rows, unless it is the
 * first one and a saved definition opens with it, or Magic Query's answer was about
 * it. An untouched starting query follows the chosen table.
 */
function changeSource(model: ExplorerModel, source: ExplorerSource | null, template: string): ExplorerModel {
  const opening = model.opening;
  const waiting = model.waiting && model.waiting.sourceId === source?.id ? model.waiting.definition : null;
  let next: ExplorerModel = {
    ...model,
    source,
    opening: null,
    waiting: null,
    sort: null,
    page: 1,
    queryTemplate: template,
    queryDraft: model.queryDraft === model.queryTemplate ? template : model.queryDraft,
  };
  if (!opening) next = { ...next, filterDraft: emptyFilter(), mode: 'filter' };
  if (waiting) return show(next, waiting);
  const definition: Definition | null =
    opening ?? (source ? { type: 'filter', filter: fromQueryBuilder(emptyFilter()) } : null);
  return { ...next, applied: definition ? { definition, run: nextRun(model) } : null };
}

export function explorerReducer(model: ExplorerModel, action: ExplorerAction): ExplorerModel {
  switch (action.type) {
    case 'source-changed':
      return changeSource(model, action.source, action.template);
    case 'mode-changed':
      return { ...model, mode: action.mode };
    case 'filter-edited':
      return { ...model, filterDraft: action.filter };
    case 'query-edited':
      return { ...model, queryDraft: action.query };
    case 'applied':
      return { ...model, page: 1, applied: { definition: draftDefinition(model), run: nextRun(model) } };
    case 'generated':
      if (action.sourceId !== null && action.sourceId !== model.source?.id) {
        return { ...model, waiting: { sourceId: action.sourceId, definition: action.definition } };
      }
      return show(model, action.definition);
    case 'sorted-by':
      return { ...model, page: 1, sort: cycleSort(model.sort, action.field) };
    case 'page-changed':
      return { ...model, page: action.page };
    case 'page-size-changed':
      return { ...model, page: 1, pageSize: action.pageSize };
    case 'view-as-query-toggled':
      return { ...model, viewAsQuery: action.open };
    case 'edited-as-query':
      return { ...model, mode: 'query', queryDraft: action.query, viewAsQuery: false };
  }
}
