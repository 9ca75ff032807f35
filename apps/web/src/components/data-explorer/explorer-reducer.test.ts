import type { Definition } from '@connect/core';
import { describe, expect, it } from 'vitest';
import {
  cycleSort,
  draftDefinition,
  type ExplorerAction,
  type ExplorerModel,
  explorerReducer,
  initialExplorerModel,
} from './explorer-reducer';

const users = { id: 'public.users', ref: { schema: 'public', name: 'users' } };
const orders = { id: 'public.orders', ref: { schema: 'public', name: 'orders' } };
const usersTemplate = 'SELECT *\nFROM "public"."users"\n';
const ordersTemplate = 'SELECT *\nFROM "public"."orders"\n';
const everyRow: Definition = { type: 'filter', filter: { combinator: 'and', rules: [] } };
const adults: Definition = {
  type: 'filter',
  filter: { combinator: 'and', rules: [{ field: 'age', operator: '>=', value: 18 }] },
};
const query: Definition = { type: 'query', query: 'SELECT id FROM users' };

const run = (model: ExplorerModel, ...actions: ExplorerAction[]) => actions.reduce(explorerReducer, model);
const opened = (initialDefinition?: Definition) =>
  run(initialExplorerModel({ initialDefinition, template: 'SELECT *\nFROM your_table\n' }), {
    type: 'source-changed',
    source: users,
    template: usersTemplate,
  });
/** The filter's rules without the ids the builder adds. */
const rulesOf = (definition: Definition | undefined) =>
  definition?.type === 'filter'
    ? definition.filter.rules.map((rule) => ('field' in rule ? { ...rule, id: undefined } : rule))
    : undefined;

describe('the data explorer state', () => {
  it('opens a source on every row, with the filter editor and a query of that table', () => {
    const model = opened();
    expect(model.source).toEqual(users);
    expect(model.mode).toBe('filter');
    expect(model.applied?.definition).toEqual(everyRow);
    expect(model.queryDraft).toBe(usersTemplate);
    expect(model.page).toBe(1);
  });

  it('opens a saved filter in the builder and shows its rows, only for the first source', () => {
    const model = opened(adults);
    expect(model.applied?.definition).toEqual(adults);
    expect(draftDefinition(model)).toEqual(adults);
    const elsewhere = run(model, { type: 'source-changed', source: orders, template: ordersTemplate });
    expect(elsewhere.applied?.definition).toEqual(everyRow);
    expect(draftDefinition(elsewhere)).toEqual(everyRow);
  });

  it('opens a saved query in the query editor and runs it', () => {
    const model = opened(query);
    expect(model.mode).toBe('query');
    expect(model.queryDraft).toBe(query.query);
    expect(model.applied?.definition).toEqual(query);
  });

  it('shows nothing until there is a source', () => {
    const model = run(initialExplorerModel({ template: 'x' }), {
      type: 'source-changed',
      source: null,
      template: 'x',
    });
    expect(model.applied).toBeNull();
  });

  it('an untouched starting query follows the table; an edited one stays', () => {
    const moved = run(opened(), { type: 'source-changed', source: orders, template: ordersTemplate });
    expect(moved.queryDraft).toBe(ordersTemplate);
    const edited = run(
      opened(),
      { type: 'query-edited', query: 'SELECT 1' },
      { type: 'source-changed', source: orders, template: ordersTemplate },
    );
    expect(edited.queryDraft).toBe('SELECT 1');
  });

  it('edits stay drafts until Apply, which shows them from the first page and reads again', () => {
    const edited = run(
      opened(),
      { type: 'page-changed', page: 3 },
      { type: 'mode-changed', mode: 'query' },
      { type: 'query-edited', query: 'SELECT 2' },
    );
    expect(edited.applied?.definition).toEqual(everyRow);
    expect(edited.page).toBe(3);
    const applied = run(edited, { type: 'applied' });
    expect(applied.applied?.definition).toEqual({ type: 'query', query: 'SELECT 2' });
    expect(applied.page).toBe(1);
    const again = run(applied, { type: 'applied' });
    expect(again.applied?.definition).toEqual(applied.applied?.definition);
    expect(again.applied).not.toBe(applied.applied);
    expect(again.applied!.run).toBeGreaterThan(applied.applied!.run);
  });

  it('a sort cycles ascending, descending, none, and goes back to the first page', () => {
    expect(cycleSort(null, 'age')).toEqual({ field: 'age', direction: 'asc' });
    expect(cycleSort({ field: 'age', direction: 'asc' }, 'age')).toEqual({ field: 'age', direction: 'desc' });
    expect(cycleSort({ field: 'age', direction: 'desc' }, 'age')).toBeNull();
    expect(cycleSort({ field: 'age', direction: 'desc' }, 'name')).toEqual({
      field: 'name',
      direction: 'asc',
    });
    const sorted = run(opened(), { type: 'page-changed', page: 4 }, { type: 'sorted-by', field: 'age' });
    expect(sorted.sort).toEqual({ field: 'age', direction: 'asc' });
    expect(sorted.page).toBe(1);
  });

  it('a new page size starts again at page one', () => {
    const model = run(
      opened(),
      { type: 'page-changed', page: 5 },
      { type: 'page-size-changed', pageSize: 500 },
    );
    expect(model).toMatchObject({ page: 1, pageSize: 500 });
  });

  it('a new source forgets the sort and the page', () => {
    const model = run(
      opened(),
      { type: 'sorted-by', field: 'age' },
      { type: 'page-changed', page: 2 },
      { type: 'source-changed', source: orders, template: ordersTemplate },
    );
    expect(model).toMatchObject({ sort: null, page: 1 });
  });

  it('a generated filter for this source goes into the builder and runs at once', () => {
    const model = run(opened(), { type: 'generated', definition: adults, sourceId: users.id });
    expect(model.mode).toBe('filter');
    expect(rulesOf(model.applied?.definition)).toEqual(rulesOf(adults));
    // The builder's ids are in both, so the draft equals what the table shows.
    expect(draftDefinition(model)).toEqual(model.applied?.definition);
  });

  it('a generated query goes into the query editor and runs', () => {
    const model = run(opened(), { type: 'generated', definition: query, sourceId: null });
    expect(model.mode).toBe('query');
    expect(model.queryDraft).toBe(query.query);
    expect(model.applied?.definition).toEqual(query);
  });

  it('a generated definition about another table waits for that table, then runs there', () => {
    const waiting = run(opened(), { type: 'generated', definition: adults, sourceId: orders.id });
    expect(waiting.applied?.definition).toEqual(everyRow);
    const there = run(waiting, { type: 'source-changed', source: orders, template: ordersTemplate });
    expect(rulesOf(there.applied?.definition)).toEqual(rulesOf(adults));
    expect(there.waiting).toBeNull();
  });

  it('a waiting definition is dropped when the user picks a third table instead', () => {
    const model = run(
      opened(),
      { type: 'generated', definition: adults, sourceId: orders.id },
      { type: 'source-changed', source: { id: 'public.events', ref: { name: 'events' } }, template: 'e' },
    );
    expect(model.applied?.definition).toEqual(everyRow);
    expect(model.waiting).toBeNull();
  });

  it('"Edit in Query" puts the text in the query editor and closes the dialog, without running it', () => {
    const model = run(
      opened(),
      { type: 'view-as-query-toggled', open: true },
      { type: 'edited-as-query', query: 'SELECT * FROM users WHERE age >= 18' },
    );
    expect(model).toMatchObject({ mode: 'query', viewAsQuery: false });
    expect(model.queryDraft).toBe('SELECT * FROM users WHERE age >= 18');
    expect(model.applied?.definition).toEqual(everyRow);
  });
});
