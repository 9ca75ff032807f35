'use client';

import type { SourceSummary } from '@connect/connectors';
import type { Definition } from '@connect/core';
import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { MagicQueryPrompt, type MagicQueryResult } from '@/components/magic-query/magic-query-prompt';
import { DataGrid } from './data-grid';
import { DefinitionEditor } from './definition-editor';
import { Elapsed } from './elapsed';
import { quoteSource } from './filter-as-query';
import type { QueryCompletions } from './query-completions';
import { RowCountBar } from './row-count';
import { type ExplorerState, useExplorer } from './use-explorer';
import { ViewAsQuery } from './view-as-query';

export type { ExplorerState } from './use-explorer';

/**
 * A source's data as a table, with the Magic Query prompt, the filter builder and
 * the query editor above it: "Apply" runs a filter, "Run" (or Ctrl/Cmd+Enter) a
 * query, and a generated filter or query is put in its editor and run at once.
 * Every read goes to the database (filtering, sorting, paging and counting are
 * pushed down), shows its progress and can be cancelled, which stops it on the
 * database too. The state and the reads are `useExplorer`'s; this renders them.
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
  const { model, dispatch, request, describe, preview, countView, state } = useExplorer({
    connectionId,
    kind,
    queryLanguage,
    source,
    initialDefinition,
    onStateChange,
  });
  const { mode, filterDraft, queryDraft, sort, page, pageSize } = model;

  const onGenerated = (result: MagicQueryResult) => {
    const target = result.source && sources.find((candidate) => candidate.id === result.source?.id);
    dispatch({ type: 'generated', definition: result.definition, sourceId: target ? target.id : null });
    // Shown once the explorer is on that source (the reducer keeps it waiting).
    if (target && target.id !== source?.id) onSourceChange(target);
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
        onMode={(next) => dispatch({ type: 'mode-changed', mode: next })}
        queryLanguage={queryLanguage}
        source={source}
        describe={describe}
        filter={filterDraft}
        onFilter={(filter) => dispatch({ type: 'filter-edited', filter })}
        query={queryDraft}
        onQuery={(query) => dispatch({ type: 'query-edited', query })}
        completions={completions}
        onApply={() => dispatch({ type: 'applied' })}
        onViewAsQuery={() => dispatch({ type: 'view-as-query-toggled', open: true })}
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
            onPage={(next) => dispatch({ type: 'page-changed', page: next })}
            onPageSize={(size) => dispatch({ type: 'page-size-changed', pageSize: size })}
            busy={running}
          />
          <div style={{ position: 'relative', minHeight: 120 }}>
            {result && (
              <DataGrid
                columns={result.columns}
                rows={result.rows}
                sort={sort}
                onSort={(field) => dispatch({ type: 'sorted-by', field })}
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

      {model.viewAsQuery && source && (
        <ViewAsQuery
          query={filterDraft}
          kind={kind}
          source={source.ref}
          fields={describe.data?.fields ?? []}
          onClose={() => dispatch({ type: 'view-as-query-toggled', open: false })}
          onEdit={(text) => dispatch({ type: 'edited-as-query', query: text })}
        />
      )}
    </Stack>
  );
}
