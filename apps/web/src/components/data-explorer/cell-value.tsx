'use client';

import type { JsonValue } from '@connect/connectors';
import { ActionIcon, CopyButton, Popover, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import classes from './data-grid.module.css';
import { JsonTree, summarize } from './json-tree';

/** The text a cell copies: strings as they are, everything else as JSON. */
export function cellText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string'
    ? value
    : JSON.stringify(value, null, typeof value === 'object' ? 2 : undefined);
}

function Display({ value, column }: { value: JsonValue | undefined; column: string }) {
  if (value === undefined || value === null)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        null
      </Text>
    );
  if (typeof value === 'object')
    return (
      <Popover width={440} position="bottom-start" shadow="md" withinPortal>
        <Popover.Target>
          <UnstyledButton className={classes.nested} aria-label={`Expand ${column}`}>
            <Text span size="sm" ff="monospace" c="indigo.7">
              {summarize(value)}
            </Text>
          </UnstyledButton>
        </Popover.Target>
        <Popover.Dropdown>
          <ScrollArea.Autosize mah={360}>
            <JsonTree value={value} />
          </ScrollArea.Autosize>
        </Popover.Dropdown>
      </Popover>
    );
  return (
    <Text
      span
      size="sm"
      className={classes.text}
      title={typeof value === 'string' && value.length > 30 ? value : undefined}
    >
      {typeof value === 'string' ? value : String(value)}
    </Text>
  );
}

/** One cell: the value (nested values expand), and a copy button on hover or focus. */
export function CellValue({ value, column }: { value: JsonValue | undefined; column: string }) {
  const text = cellText(value);
  return (
    <>
      <Display value={value} column={column} />
      {text !== '' && (
        <CopyButton value={text} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow position="top">
              <ActionIcon
                className={classes.copy}
                size="sm"
                variant={copied ? 'light' : 'subtle'}
                color={copied ? 'teal' : 'gray'}
                aria-label={`Copy ${column}`}
                onClick={copy}
              >
                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      )}
    </>
  );
}
