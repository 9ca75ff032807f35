'use client';

import type { JsonValue, PreviewColumn, Row, SortKey } from '@connect/connectors';
import type { FieldType } from '@connect/core';
import { Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { CellValue } from './cell-value';
import { shortTypeNames } from './filter-fields';
import classes from './data-grid.module.css';

const headerHeight = 48;
const rowHeight = 34;
const rowNumberWidth = 64;

const typeWidths: Record<FieldType, number> = {
  number: 130,
  boolean: 90,
  date: 120,
  datetime: 220,
  id: 270,
  json: 220,
  array: 200,
  enum: 140,
  string: 200,
};

function widthOf(column: PreviewColumn): number {
  const byType = column.type ? typeWidths[column.type] : 180;
  // A long name widens its column so the header stays readable.
  return Math.max(byType, Math.min(320, column.name.length * 8 + 48));
}

/**
 * One page of rows as a table. Rows and columns are virtualised (only what is on
 * screen is rendered), so wide tables and 500-row pages stay fast. Clicking a
 * header sorts by it: ascending, descending, then unsorted.
 */
export function DataGrid({
  columns,
  rows,
  sort,
  onSort,
  nativeTypes,
  rowOffset = 0,
  height = 480,
}: {
  columns: PreviewColumn[];
  rows: Row[];
  sort: SortKey | null;
  onSort?: (field: string) => void;
  /** The database's own type names, shown in header tooltips. */
  nativeTypes?: ReadonlyMap<string, string>;
  /** Rows before this page, for row numbers. */
  rowOffset?: number;
  height?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => widthOf(columns[index]!),
    overscan: 4,
  });
  const totalWidth = rowNumberWidth + columnVirtualizer.getTotalSize();
  const virtualColumns = columnVirtualizer.getVirtualItems();

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      style={{ height: Math.min(height, headerHeight + rows.length * rowHeight + 2) }}
      role="grid"
      aria-label="Data"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      data-testid="data-grid"
    >
      <div
        style={{
          width: totalWidth,
          height: headerHeight + rowVirtualizer.getTotalSize(),
          position: 'relative',
        }}
      >
        <div
          className={classes.header}
          role="row"
          aria-rowindex={1}
          style={{ width: totalWidth, height: headerHeight }}
        >
          <div
            className={classes.rowNumber}
            style={{ width: rowNumberWidth }}
            role="columnheader"
            aria-colindex={1}
          >
            #
          </div>
          {virtualColumns.map((virtual) => {
            const column = columns[virtual.index]!;
            const direction = sort?.field === column.name ? sort.direction : null;
            const native = nativeTypes?.get(column.name);
            const SortIcon =
              direction === 'asc' ? IconArrowUp : direction === 'desc' ? IconArrowDown : IconArrowsSort;
            return (
              <div
                key={virtual.key}
                className={classes.headerCell}
                role="columnheader"
                aria-colindex={virtual.index + 2}
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
                style={{ left: rowNumberWidth + virtual.start, width: virtual.size }}
              >
                <Tooltip label={native ? `${column.name}: ${native}` : column.name} openDelay={400} withArrow>
                  <UnstyledButton
                    className={classes.sortButton}
                    onClick={onSort ? () => onSort(column.name) : undefined}
                    disabled={!onSort}
                    aria-label={`${column.name}, sort`}
                  >
                    <Text size="sm" fw={600} className={classes.text} w="100%">
                      {column.name}
                      <SortIcon size={12} style={{ marginLeft: 4, opacity: direction ? 1 : 0.35 }} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {column.type ? shortTypeNames[column.type] : 'unknown type'}
                    </Text>
                  </UnstyledButton>
                </Tooltip>
              </div>
            );
          })}
        </div>
        {rowVirtualizer.getVirtualItems().map((virtualRow) => {
          const row = rows[virtualRow.index]!;
          return (
            <div
              key={virtualRow.key}
              className={classes.row}
              role="row"
              aria-rowindex={virtualRow.index + 2}
              style={{ top: headerHeight + virtualRow.start, height: virtualRow.size, width: totalWidth }}
            >
              <div className={classes.rowNumber} style={{ width: rowNumberWidth }} role="rowheader">
                {rowOffset + virtualRow.index + 1}
              </div>
              {virtualColumns.map((virtual) => {
                const column = columns[virtual.index]!;
                const value = row[column.name] as JsonValue | undefined;
                return (
                  <div
                    key={virtual.key}
                    className={`${classes.cell} ${typeof value === 'number' ? classes.numeric : ''}`}
                    role="gridcell"
                    aria-colindex={virtual.index + 2}
                    tabIndex={-1}
                    data-column={column.name}
                    style={{ left: rowNumberWidth + virtual.start, width: virtual.size }}
                  >
                    <CellValue value={value} column={column.name} />
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
