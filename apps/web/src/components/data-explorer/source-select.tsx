'use client';

import type { SourceSummary } from '@connect/connectors';
import { Select } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { useMemo } from 'react';
import { groupBySchema } from './source-list';

/** The builder's dropdown of tables and collections, grouped by schema and searchable. */
export function SourceSelect({
  sources,
  value,
  onChange,
  loading,
  disabled,
  error,
}: {
  sources: readonly SourceSummary[];
  value: string | null;
  onChange: (source: SourceSummary) => void;
  loading?: boolean;
  disabled?: boolean;
  error?: string | null;
}) {
  const data = useMemo(
    () =>
      groupBySchema(sources).map(([schema, members]) => ({
        group: schema ?? 'Collections',
        items: members.map((source) => ({ value: source.id, label: source.ref.name })),
      })),
    [sources],
  );
  const byId = useMemo(() => new Map(sources.map((source) => [source.id, source])), [sources]);
  return (
    <Select
      label="Table or collection"
      placeholder={loading ? 'Loading…' : 'Choose a table or collection'}
      data={data}
      value={value}
      searchable
      nothingFoundMessage="Nothing matches"
      leftSection={<IconTable size={16} />}
      allowDeselect={false}
      disabled={disabled || loading}
      error={error}
      w={340}
      onChange={(id) => {
        const source = id ? byId.get(id) : undefined;
        if (source) onChange(source);
      }}
    />
  );
}
