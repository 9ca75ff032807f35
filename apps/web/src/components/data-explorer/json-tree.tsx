'use client';

import type { JsonValue } from '@connect/connectors';
import { Box, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';

/** A one-line summary of a nested value: `{3 keys}`, `[2 items]`. */
export function summarize(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).length;
    return `{${keys} ${keys === 1 ? 'key' : 'keys'}}`;
  }
  return JSON.stringify(value);
}

function Scalar({ value }: { value: JsonValue }) {
  if (value === null)
    return (
      <Text span c="dimmed" fs="italic" size="xs">
        null
      </Text>
    );
  const color = typeof value === 'string' ? 'teal.8' : typeof value === 'number' ? 'indigo.7' : 'orange.8';
  return (
    <Text span c={color} size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
      {JSON.stringify(value)}
    </Text>
  );
}

function Node({ name, value, depth }: { name: string | null; value: JsonValue; depth: number }) {
  const nested = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  const label =
    name === null ? null : (
      <Text span size="xs" ff="monospace" fw={600}>
        {name}:{' '}
      </Text>
    );
  if (!nested)
    return (
      <Box pl={depth === 0 ? 0 : 16} py={1}>
        {label}
        <Scalar value={value} />
      </Box>
    );
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  return (
    <Box pl={depth === 0 ? 0 : 16}>
      <UnstyledButton
        onClick={() => setOpen((was) => !was)}
        aria-expanded={open}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}
      >
        {open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
        {label}
        <Text span size="xs" c="dimmed" ff="monospace">
          {summarize(value)}
        </Text>
      </UnstyledButton>
      {open && entries.map(([key, child]) => <Node key={key} name={key} value={child} depth={depth + 1} />)}
    </Box>
  );
}

/** Nested objects and arrays as an expandable tree (the first two levels open). */
export function JsonTree({ value }: { value: JsonValue }) {
  return <Node name={null} value={value} depth={0} />;
}
