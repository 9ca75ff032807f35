'use client';

import { Button, Code, Group, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '@/lib/api-client';

export interface AuditRowView {
  id: number;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditLogTable({ initial, pageSize }: { initial: AuditRowView[]; pageSize: number }) {
  const [rows, setRows] = useState(initial);
  const [more, setMore] = useState(initial.length === pageSize);
  const [loading, setLoading] = useState(false);

  async function loadMore() {
    setLoading(true);
    try {
      const page = await api<{ events: AuditRowView[] }>(
        'GET',
        `/api/audit-events?limit=${pageSize}&before=${rows.at(-1)?.id ?? ''}`,
      );
      setRows((current) => [...current, ...page.events]);
      setMore(page.events.length === pageSize);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Text size="sm" c="dimmed" mb="md">
        Who did what and when in this workspace, newest first.
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>IP address</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {dateFormat.format(new Date(row.createdAt))}
                </Table.Td>
                <Table.Td>{row.actorEmail ?? 'system'}</Table.Td>
                <Table.Td>
                  <Code>{row.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {describe(row)}
                  </Text>
                </Table.Td>
                <Table.Td>{row.ip ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={loading} onClick={loadMore}>
            Load more
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function describe(row: AuditRowView): string {
  const parts = Object.entries(row.details).map(
    ([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
  );
  return parts.join(' · ');
}
