'use client';

import type { CountResult, SourceSummary } from '@connect/connectors';
import type { Definition, FilterGroup } from '@connect/core';
import { Badge, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { topLevelGroups } from '@/components/data-explorer/filter-conversion';
import { requestJson } from '@/components/data-explorer/request-json';
import { useCancellable } from '@/components/data-explorer/use-cancellable';

function describeGroup(group: FilterGroup): string {
  const rules = group.rules.length;
  return `${group.not ? 'NOT ' : ''}${rules} ${rules === 1 ? 'rule' : 'rules'} joined by ${group.combinator.toUpperCase()}`;
}

/**
 * The cohort's size (the applied definition's count) and how many rows each
 * top-level group of the filter selects on its own, before the cohort is saved.
 */
export function CohortSizePanel({
  connectionId,
  source,
  applied,
  count,
  countError,
  stale,
}: {
  connectionId: string;
  source: SourceSummary | null;
  applied: Definition | null;
  count: { value: number; exact: boolean } | null;
  countError: string | null;
  /** The editor holds changes that are not applied yet. */
  stale: boolean;
}) {
  const groups = useMemo(() => (applied?.type === 'filter' ? topLevelGroups(applied.filter) : []), [applied]);
  const sizes = useCancellable<(CountResult | null)[]>();
  const { run, reset } = sizes;

  useEffect(() => {
    if (groups.length === 0 || !source) return void reset();
    void run((signal) =>
      Promise.all(
        groups.map((group) =>
          requestJson<CountResult>(
            'POST',
            `/api/connections/${connectionId}/count`,
            { source: source.ref, definition: { type: 'filter', filter: group.filter }, exact: true },
            signal,
          ),
        ),
      ),
    );
  }, [groups, source, connectionId, run, reset]);

  return (
    <Paper withBorder p="md" data-testid="cohort-size">
      <Stack gap="xs">
        <Group gap="sm">
          <Text fw={600}>Cohort size</Text>
          {count ? (
            <Badge size="lg" variant="light" data-testid="cohort-size-value">
              {count.exact ? '' : 'about '}
              {count.value.toLocaleString()}
            </Badge>
          ) : countError ? (
            <Text size="sm" c="red">
              Not counted: {countError}
            </Text>
          ) : (
            <Loader size="xs" />
          )}
          {stale && (
            <Text size="xs" c="orange.8">
              You have changes that are not applied: Apply to see their size.
            </Text>
          )}
        </Group>
        {groups.length > 0 && (
          <Stack gap={4}>
            {groups.map((group, position) => {
              const size = sizes.status.status === 'done' ? sizes.data?.[position] : undefined;
              return (
                <Group key={group.index} gap="xs" data-testid={`group-size-${position + 1}`}>
                  <Text size="sm">
                    Group {position + 1}{' '}
                    <Text span size="xs" c="dimmed">
                      ({describeGroup(group.filter.rules[0] as FilterGroup)})
                    </Text>
                    :
                  </Text>
                  {size ? (
                    <Text size="sm" fw={600}>
                      {size.count.toLocaleString()}
                    </Text>
                  ) : sizes.status.status === 'running' ? (
                    <Loader size={12} />
                  ) : sizes.status.status === 'error' ? (
                    <Text size="xs" c="red">
                      {sizes.status.message}
                    </Text>
                  ) : null}
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
