'use client';

import { Button, Group, Loader, Select, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { Elapsed } from './elapsed';
import type { RequestStatus } from './use-cancellable';

export interface CountView {
  estimate: { count: number; exact: boolean } | null;
  exact: { count: number } | null;
  estimateStatus: RequestStatus;
  exactStatus: RequestStatus;
  cancelExact: () => void;
  countExact: () => void;
}

const pageSizes = ['50', '100', '500'];

/** The best count known so far: exact when it is, else the estimate marked "about". */
export function knownTotal(count: CountView): { value: number; exact: boolean } | null {
  if (count.exact) return { value: count.exact.count, exact: true };
  if (count.estimate) return { value: count.estimate.count, exact: count.estimate.exact };
  return null;
}

/**
 * "Rows 1-50 of about 1,000,000", then "of 1,000,000" once the exact count is in;
 * an exact count that takes a while shows its progress and can be cancelled.
 * Paging follows: previous, next, and the page size.
 */
export function RowCountBar({
  count,
  page,
  pageSize,
  rowsOnPage,
  hasMore,
  onPage,
  onPageSize,
  busy,
}: {
  count: CountView;
  page: number;
  pageSize: number;
  rowsOnPage: number;
  hasMore: boolean;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
  busy: boolean;
}) {
  const total = knownTotal(count);
  const first = rowsOnPage === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rowsOnPage;
  const pages = total?.exact ? Math.max(1, Math.ceil(total.value / pageSize)) : null;
  const exactRunning = count.exactStatus.status === 'running';

  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Group gap="xs" data-testid="row-count">
        <Text size="sm">
          {rowsOnPage === 0 ? 'No rows' : `Rows ${first.toLocaleString()}–${last.toLocaleString()}`}
          {total && (
            <>
              {' of '}
              <Text span fw={600} data-testid="row-total" data-exact={String(total.exact)}>
                {total.exact ? '' : 'about '}
                {total.value.toLocaleString()}
              </Text>
              {!total.exact && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (estimate)
                </Text>
              )}
            </>
          )}
        </Text>
        {count.estimateStatus.status === 'running' && !total && <Loader size="xs" />}
        {exactRunning && count.exactStatus.status === 'running' && (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Counting exactly… <Elapsed startedAt={count.exactStatus.startedAt} />
            </Text>
            <Button size="compact-xs" variant="subtle" color="red" onClick={count.cancelExact}>
              Cancel count
            </Button>
          </Group>
        )}
        {!exactRunning && total && !total.exact && (
          <Tooltip label="Count every row: may take a while on a large table">
            <Button size="compact-xs" variant="subtle" onClick={count.countExact}>
              Count exactly
            </Button>
          </Tooltip>
        )}
        {count.exactStatus.status === 'cancelled' && (
          <Text size="xs" c="dimmed">
            Exact count cancelled.
          </Text>
        )}
        {count.exactStatus.status === 'error' && (
          <Text size="xs" c="red">
            Could not count: {count.exactStatus.message}
          </Text>
        )}
      </Group>
      <Group gap="xs">
        <Select
          aria-label="Rows per page"
          data={pageSizes}
          value={String(pageSize)}
          w={80}
          size="xs"
          allowDeselect={false}
          onChange={(size) => size && onPageSize(Number(size))}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          disabled={page <= 1 || busy}
          onClick={() => onPage(page - 1)}
        >
          Previous
        </Button>
        <Text size="sm" c="dimmed" aria-live="polite">
          Page {page.toLocaleString()}
          {pages !== null ? ` of ${pages.toLocaleString()}` : ''}
        </Text>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          disabled={!hasMore || busy}
          onClick={() => onPage(page + 1)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
