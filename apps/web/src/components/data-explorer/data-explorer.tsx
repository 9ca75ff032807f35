'use client';

import type {
  CountResult,
  PreviewResult,
  SortKey,
  SourceDescription,
  SourceSummary,
} from '@connect/connectors';
import type { Definition } from '@connect/core';
import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { prepareRuleGroup, type RuleGroupType } from 'react-querybuilder';
import { MagicQueryPrompt, type MagicQueryResult } from '@/components/magic-query/magic-query-prompt';
import { DataGrid } from './data-grid';
import { DefinitionEditor, type ExplorerMode } from './definition-editor';
import { Elapsed } from './elapsed';
import { emptyFilter, fromQueryBuilder, toQueryBuilder } from './filter-conversion';
import { quoteSource } from './filter-as-query';
import { queryTemplate } from './query-template';
import type { QueryCompletions } from './query-completions';
import { requestJson } from './request-json';
import { type CountView, RowCountBar } from './row-count';
import { useCancellable } from './use-cancellable';
import { ViewAsQuery } from './view-as-query';

/** What the explorer is showing, for a parent that saves it (the cohort builder). */
export interface ExplorerState {
  mode: ExplorerMode;
  /** The editor's current definition (what "Save Cohort" saves). */
  draft: Definition;
  /** The definition the table shows (last applied or run). */
  applied: Definition | null;
  count: { value: number; exact: boolean } | null;
  /** Why the applied definition could not be counted, if it could not. */
  countError: string | null;
}

type Preview = PreviewResult & { durationMs: number };

const cycleSort = (sort: SortKey | null, field: string): SortKey | null => {
  if (sort?.field !== field) return { field, direction: 'asc' };
  return sort.direction === 'asc' ? { field, direction: 'desc' } : null;
};

/**
 * A source's data as a table, with the Magic Query prompt, the filter builder and
 * the query editor above it: "Apply" runs a filter, "Run" (or Ctrl/Cmd+Enter) a
 * query, and a generated filter or query is put in its editor and run at once.
 * Every read goes to the database (filtering, sorting, paging and counting are
 * pushed down), shows its progress and can be cancelled, which stops it on the
 * database too.
 */
export function DataExplorer({
  connectionId,
  kind,
  queryLanguage,
  sources,
  source,
  onSourceChange,
  initialDefinition,
  onStateChange,
  children,
}: {
  connectionId: string;
  kind: string;
  queryLanguage: 'sql' | 'mongodb-pipeline';
  sources: readonly SourceSummary[];
  source: SourceSummary | null;
  /** Chooses another source: Magic Query's answer may be about another table or collection. */
  onSourceChange: (source: SourceSummary) => void;
  initialDefinition?: Definition;
  onStateChange?: (state: ExplorerState) => void;
  /** Shown between the editor and the table (the cohort builder's size panel). */
  children?: (state: ExplorerState & { source: SourceSummary | null }) => ReactNode;
}) {
  const base = `/api/connections/${connectionId}`;
  const [mode, setMode] = useState<ExplorerMode>(initialDefinition?.type === 'query' ? 'query' : 'filter');
  const [filterDraft, setFilterDraft] = useState<RuleGroupType>(() =>
    initialDefinition?.type === 'filter' ? toQueryBuilder(initialDefinition.filter) : emptyFilter(),
  );
  const [queryDraft, setQueryDraft] = useState(() =>
    initialDefinition?.type === 'query'
      ? initialDefinition.query
      : queryTemplate(kind, queryLanguage, source?.ref),
  );
  const [applied, setApplied] = useState<{ definition: Definition; run: number } | null>(null);
  const [sort, setSort] = useState<SortKey | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [viewAsQuery, setViewAsQuery] = useState(false);

  const describe = useCancellable<SourceDescription>();
  const preview = useCancellable<Preview>();
  const estimate = useCancellable<CountResult>();
  const exact = useCancellable<CountResult>();
  // The hooks' functions are stable; the objects holding them are not.
  const { run: runDescribe, reset: resetDescribe } = describe;
  const { run: runPreview, reset: resetPreview } = preview;
  const { run: runEstimate, reset: resetEstimate } = estimate;
  const { run: runExact, reset: resetExact } = exact;
  const lastTemplate = useRef(queryTemplate(kind, queryLanguage, source?.ref));

  /** Puts a definition in its editor (the builder or the query editor), editable, and runs it. */
  const show = useCallback((definition: Definition) => {
    let shown = definition;
    if (definition.type === 'filter') {
      // With the ids the builder would give it, so the draft and the applied filter stay equal.
      const prepared = prepareRuleGroup(toQueryBuilder(definition.filter));
      setFilterDraft(prepared);
      shown = { type: 'filter', filter: fromQueryBuilder(prepared) };
    } else setQueryDraft(definition.query);
    setMode(definition.type);
    setSort(null);
    setPage(1);
    setApplied({ definition: shown, run: Date.now() });
  }, []);

  // A new source: describe it, start from an empty filter (or the saved definition the
  // first time, or a generated one that asked for this source) and show its rows.
  const initial = useRef(initialDefinition);
  const generated = useRef<{ sourceId: string; definition: Definition } | null>(null);
  const sourceId = source?.id ?? null;
  useEffect(() => {
    const saved = initial.current;
    initial.current = undefined;
    const waiting = generated.current?.sourceId === sourceId ? generated.current.definition : undefined;
    generated.current = null;
    setSort(null);
    setPage(1);
    if (!saved) {
      // The table now shows every row of the new source, and the editor says so.
      setFilterDraft(emptyFilter());
      setMode('filter');
    }
    // An untouched starting query follows the chosen table.
    const template = queryTemplate(kind, queryLanguage, source?.ref);
    setQueryDraft((text) => (text === lastTemplate.current ? template : text));
    lastTemplate.current = template;
    if (source) {
      // The previous source's fields must not show under this one while these load.
      resetDescribe();
      void runDescribe((signal) =>
        requestJson<{ description: SourceDescription }>(
          'GET',
          `${base}/describe?source=${encodeURIComponent(source.id)}`,
          undefined,
          signal,
        ).then((reply) => reply.description),
      );
    } else resetDescribe();
    const definition: Definition | null = saved
      ? saved
      : source
        ? { type: 'filter', filter: fromQueryBuilder(emptyFilter()) }
        : null;
    if (waiting) show(waiting);
    else setApplied(definition ? { definition, run: Date.now() } : null);
    // Only a change of source restarts; `source` itself is a new object on every render of the parent.
  }, [sourceId, base]);

  const request = useMemo(
    () => (applied ? { source: source?.ref, definition: applied.definition } : null),
    [applied, sourceId],
  );

  useEffect(() => {
    if (!request) return void resetPreview();
    void runPreview((signal) =>
      requestJson<Preview>(
        'POST',
        `${base}/preview`,
        { ...request, sort: sort ? [sort] : [], page, pageSize },
        signal,
      ),
    );
  }, [request, sort, page, pageSize, base, runPreview, resetPreview]);

  const countExactly = useCallback(() => {
    if (!request) return;
    void runExact((signal) =>
      requestJson<CountResult>('POST', `${base}/count`, { ...request, exact: true }, signal),
    );
  }, [request, base, runExact]);

  // The estimate first (instant on most databases), then the exact count.
  useEffect(() => {
    resetExact();
    if (!request) return void resetEstimate();
    void runEstimate((signal) =>
      requestJson<CountResult>('POST', `${base}/count`, { ...request, exact: false }, signal),
    ).then((result) => {
      if (result && !result.exact) countExactly();
    });
  }, [request, base, runEstimate, resetEstimate, resetExact, countExactly]);

  const draft: Definition = useMemo(
    () =>
      mode === 'filter'
        ? { type: 'filter', filter: fromQueryBuilder(filterDraft) }
        : { type: 'query', query: queryDraft },
    [mode, filterDraft, queryDraft],
  );

  const estimated = estimate.status.status === 'done' ? estimate.data : null;
  const counted = exact.status.status === 'done' ? exact.data : null;
  const countView: CountView = {
    estimate: estimated,
    exact: counted ?? (estimated?.exact ? estimated : null),
    estimateStatus: estimate.status,
    exactStatus: exact.status,
    cancelExact: exact.cancel,
    countExact: countExactly,
  };
  const total = countView.exact
    ? { value: countView.exact.count, exact: true }
    : countView.estimate
      ? { value: countView.estimate.count, exact: countView.estimate.exact }
      : null;

  const countError = estimate.status.status === 'error' ? estimate.status.message : null;
  const state: ExplorerState = useMemo(
    () => ({ mode, draft, applied: applied?.definition ?? null, count: total, countError }),
    [mode, draft, applied, total?.value, total?.exact, countError],
  );
  const onStateChangeRef = useRef(onStateChange);
  onStateChangeRef.current = onStateChange;
  useEffect(() => onStateChangeRef.current?.(state), [state]);

  const apply = () => {
    setPage(1);
    setApplied({ definition: draft, run: Date.now() });
  };

  const onGenerated = (result: MagicQueryResult) => {
    const target = result.source && sources.find((candidate) => candidate.id === result.source?.id);
    if (target && target.id !== sourceId) {
      // Shown once the explorer is on that source (see the source effect above).
      generated.current = { sourceId: target.id, definition: result.definition };
      onSourceChange(target);
    } else show(result.definition);
  };

  const completions: QueryCompletions = useMemo(
    () => ({
      sources: sources.map((candidate) => ({
        label: candidate.ref.schema ? `${candidate.ref.schema}.${candidate.ref.name}` : candidate.ref.name,
        insertText: queryLanguage === 'sql' ? quoteSource(kind, candidate.ref) : candidate.ref.name,
        detail: candidate.type,
      })),
      fields: (describe.data?.fields ?? []).map((field) => ({ name: field.name, detail: field.nativeType })),
    }),
    [sources, describe.data, kind, queryLanguage],
  );
  const nativeTypes = useMemo(
    () => new Map((describe.data?.fields ?? []).map((field) => [field.name, field.nativeType])),
    [describe.data],
  );

  const running = preview.status.status === 'running';
  // Rows of an earlier request stay up while a new one runs; after a failure or a
  // cancel they would describe something else, so they go.
  const result = running || preview.status.status === 'done' ? preview.data : null;

  return (
    <Stack gap="md">
      <MagicQueryPrompt connectionId={connectionId} source={source?.ref ?? null} onGenerated={onGenerated} />
      <DefinitionEditor
        mode={mode}
        onMode={setMode}
        queryLanguage={queryLanguage}
        source={source}
        describe={describe}
        filter={filterDraft}
        onFilter={setFilterDraft}
        query={queryDraft}
        onQuery={setQueryDraft}
        completions={completions}
        onApply={apply}
        onViewAsQuery={() => setViewAsQuery(true)}
      />

      {children?.({ ...state, source })}

      {preview.status.status === 'error' && (
        <Alert
          color="red"
          icon={<IconAlertCircle size={16} />}
          title="The database refused this"
          role="alert"
        >
          {preview.status.message}
        </Alert>
      )}
      {preview.status.status === 'cancelled' && (
        <Alert color="gray">
          Cancelled: the query was stopped on the database. Apply or run again to retry.
        </Alert>
      )}

      {request && (
        <Stack gap="xs">
          <RowCountBar
            count={countView}
            page={page}
            pageSize={pageSize}
            rowsOnPage={result?.rows.length ?? 0}
            hasMore={result?.hasMore ?? false}
            onPage={setPage}
            onPageSize={(size) => {
              setPage(1);
              setPageSize(size);
            }}
            busy={running}
          />
          <div style={{ position: 'relative', minHeight: 120 }}>
            {result && (
              <DataGrid
                columns={result.columns}
                rows={result.rows}
                sort={sort}
                onSort={(field) => {
                  setPage(1);
                  setSort((current) => cycleSort(current, field));
                }}
                nativeTypes={nativeTypes}
                rowOffset={(result.page - 1) * result.pageSize}
                height={520}
              />
            )}
            {result && result.rows.length === 0 && !running && (
              <Text size="sm" c="dimmed" ta="center" py="md">
                No rows match.
              </Text>
            )}
            {running && preview.status.status === 'running' && (
              <Paper
                withBorder
                shadow="sm"
                p="sm"
                style={{
                  position: 'absolute',
                  top: 56,
                  left: '50%',
                  transform: 'translateX(-50%)',
                  zIndex: 5,
                }}
                data-testid="query-progress"
              >
                <Group gap="sm">
                  <Loader size="sm" />
                  <Text size="sm">
                    Running on the database… <Elapsed startedAt={preview.status.startedAt} />
                  </Text>
                  <Button size="xs" variant="light" color="red" onClick={preview.cancel}>
                    Cancel
                  </Button>
                </Group>
              </Paper>
            )}
          </div>
          {result && preview.status.status === 'done' && (
            <Text size="xs" c="dimmed" data-testid="preview-timing">
              This page took {result.durationMs.toLocaleString()} ms on the database.
            </Text>
          )}
        </Stack>
      )}

      {viewAsQuery && source && (
        <ViewAsQuery
          query={filterDraft}
          kind={kind}
          source={source.ref}
          fields={describe.data?.fields ?? []}
          onClose={() => setViewAsQuery(false)}
          onEdit={(text) => {
            setQueryDraft(text);
            setMode('query');
            setViewAsQuery(false);
          }}
        />
      )}
    </Stack>
  );
}
