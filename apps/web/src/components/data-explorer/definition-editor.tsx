'use client';

import type { SourceDescription, SourceSummary } from '@connect/connectors';
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCode, IconFilter, IconPlayerPlay } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RuleGroupType } from 'react-querybuilder';
import { useCan } from '@/lib/session-user';
import type { ExplorerMode } from './explorer-reducer';
import { FilterBuilder } from './filter-builder';
import type { QueryCompletions } from './query-completions';
import { QueryEditor } from './query-editor';
import type { RequestStatus } from './use-cancellable';

/**
 * The editing half of the explorer: the Filters / Query switch, the visual filter
 * builder or the query editor, and "Apply" (a filter) or "Run" (a query). Queries
 * are an editor's right: a viewer gets the Filters tab, and sees a saved cohort's
 * query read-only (its rows still page and sort).
 */
export function DefinitionEditor({
  mode,
  onMode,
  queryLanguage,
  source,
  describe,
  filter,
  onFilter,
  query,
  onQuery,
  completions,
  onApply,
  onViewAsQuery,
}: {
  mode: ExplorerMode;
  onMode: (mode: ExplorerMode) => void;
  queryLanguage: 'sql' | 'mongodb-pipeline';
  source: SourceSummary | null;
  /** The chosen source's fields, as far as they are read. */
  describe: { status: RequestStatus; data: SourceDescription | null };
  filter: RuleGroupType;
  onFilter: (filter: RuleGroupType) => void;
  query: string;
  onQuery: (query: string) => void;
  completions: QueryCompletions;
  onApply: () => void;
  onViewAsQuery: () => void;
}) {
  const needsSourceForQuery = queryLanguage === 'mongodb-pipeline' && !source;
  const canQuery = useCan('runRawQueries');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <SegmentedControl
            value={mode}
            onChange={(value) => onMode(value as ExplorerMode)}
            data={[
              { value: 'filter', label: <ModeLabel icon={<IconFilter size={14} />} text="Filters" /> },
              {
                value: 'query',
                label: <ModeLabel icon={<IconCode size={14} />} text="Query" />,
                disabled: !canQuery && mode !== 'query',
              },
            ]}
            aria-label="Filters or query"
          />
          {!canQuery && mode === 'filter' && (
            <Text size="xs" c="dimmed">
              Queries are for editors and owners.
            </Text>
          )}
          <Group gap="xs">
            {mode === 'filter' && (
              <Button variant="default" disabled={!source} onClick={onViewAsQuery}>
                View as query
              </Button>
            )}
            <Button
              leftSection={<IconPlayerPlay size={14} />}
              onClick={onApply}
              disabled={
                mode === 'filter'
                  ? !source || !describe.data
                  : !canQuery || needsSourceForQuery || query.trim() === ''
              }
            >
              {mode === 'filter' ? 'Apply' : 'Run'}
            </Button>
          </Group>
        </Group>
        {mode === 'filter' ? (
          !source ? (
            <Text size="sm" c="dimmed">
              Choose a table or collection to filter its rows.
            </Text>
          ) : describe.status.status === 'running' && !describe.data ? (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                Reading the fields of {source.ref.name}…
              </Text>
            </Group>
          ) : describe.status.status === 'error' ? (
            <Alert color="red" icon={<IconAlertCircle size={16} />}>
              {describe.status.message}
            </Alert>
          ) : (
            <FilterBuilder fields={describe.data?.fields ?? []} query={filter} onChange={onFilter} />
          )
        ) : (
          <Stack gap={6}>
            {!canQuery && (
              <Alert color="gray" icon={<IconAlertCircle size={16} />}>
                Only editors and owners can write or run queries. This is the cohort&apos;s saved query: you
                can page and sort its rows. A workspace owner can make you an editor under Settings → Users.
              </Alert>
            )}
            <QueryEditor
              language={queryLanguage === 'sql' ? 'sql' : 'json'}
              value={query}
              onChange={onQuery}
              onRun={canQuery ? onApply : () => {}}
              completions={completions}
              readOnly={!canQuery}
            />
            <Text size="xs" c="dimmed">
              {queryLanguage === 'sql'
                ? 'One read-only SELECT statement. Ctrl/Cmd+Enter runs it. The table below pages and sorts its result.'
                : `An aggregation pipeline (JSON) on ${source ? source.ref.name : 'the chosen collection'}; $out and $merge are refused. Ctrl/Cmd+Enter runs it.`}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ModeLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
