'use client';

import type { SourceSummary, SourceType } from '@connect/connectors';
import { Badge, Group, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconEye, IconFolder, IconSearch, IconTable, IconTableOptions } from '@tabler/icons-react';
import { useMemo, useState } from 'react';

const typeLabels: Record<SourceType, string> = {
  table: 'table',
  view: 'view',
  materialized_view: 'materialized view',
  foreign_table: 'foreign table',
  collection: 'collection',
};

export function SourceIcon({ type }: { type: SourceType }) {
  if (type === 'view' || type === 'materialized_view') return <IconEye size={16} stroke={1.6} />;
  if (type === 'collection') return <IconFolder size={16} stroke={1.6} />;
  if (type === 'foreign_table') return <IconTableOptions size={16} stroke={1.6} />;
  return <IconTable size={16} stroke={1.6} />;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Sources grouped by schema (MongoDB collections have none), in the order the database gave them. */
export function groupBySchema(sources: readonly SourceSummary[]): [string | null, SourceSummary[]][] {
  const groups = new Map<string | null, SourceSummary[]>();
  for (const source of sources) {
    const key = source.ref.schema ?? null;
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  return [...groups.entries()];
}

/** The browser's list of tables, views or collections: searchable, grouped by schema. */
export function SourceList({
  sources,
  selected,
  onSelect,
}: {
  sources: readonly SourceSummary[];
  selected: string | null;
  onSelect: (source: SourceSummary) => void;
}) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const matching = needle
      ? sources.filter((source) =>
          `${source.ref.schema ?? ''}.${source.ref.name}`.toLowerCase().includes(needle),
        )
      : sources;
    return groupBySchema(matching);
  }, [sources, search]);

  return (
    <Stack gap="xs" h="100%">
      <TextInput
        placeholder="Search tables"
        aria-label="Search tables and collections"
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
        <nav aria-label="Tables and collections">
          {groups.length === 0 && (
            <Text size="sm" c="dimmed" p="xs">
              {sources.length === 0
                ? 'This database has no tables you can read.'
                : 'Nothing matches your search.'}
            </Text>
          )}
          {groups.map(([schema, members]) => (
            <div key={schema ?? '(none)'}>
              {schema !== null && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" pt="sm" pb={4}>
                  {schema}
                </Text>
              )}
              {members.map((source) => (
                <NavLink
                  key={source.id}
                  active={source.id === selected}
                  onClick={() => onSelect(source)}
                  leftSection={<SourceIcon type={source.type} />}
                  label={
                    <Group gap={6} wrap="nowrap" justify="space-between">
                      <Text size="sm" truncate>
                        {source.ref.name}
                      </Text>
                      {source.estimatedRows !== null && (
                        <Badge
                          size="xs"
                          variant="light"
                          color="gray"
                          title={`About ${source.estimatedRows.toLocaleString()} rows`}
                        >
                          {compact.format(source.estimatedRows)}
                        </Badge>
                      )}
                    </Group>
                  }
                  description={
                    source.type === 'table' || source.type === 'collection'
                      ? undefined
                      : typeLabels[source.type]
                  }
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                />
              ))}
            </div>
          ))}
        </nav>
      </ScrollArea.Autosize>
    </Stack>
  );
}
