'use client';

import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { unparse } from 'papaparse';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';
import { notifyError } from '@/lib/submit-form';

interface ProblemRow {
  seq: number;
  status: string;
  payload: { to?: Record<string, string>; distinct_id?: string; data?: Record<string, unknown> } | null;
  reason: string | null;
  /** For a row left out: the values it refused, by channel. */
  rejected: Record<string, string> | null;
  requestId: string | null;
  attempts: number;
}

interface ProblemPage {
  rows: ProblemRow[];
  next?: number;
}

const pageSize = 100;
const exportPageSize = 1_000;
const statusColors: Record<string, string> = { failed: 'red', invalid: 'orange', duplicate: 'gray' };

/** Who received nothing, as the people in Fyno's logs would look for them. */
function recipientOf(row: ProblemRow): string {
  const to = Object.entries(row.payload?.to ?? {}).map(([channel, value]) => `${channel}: ${value}`);
  if (row.payload?.distinct_id) to.push(`distinct_id: ${row.payload.distinct_id}`);
  return to.join(', ');
}

/** The values a left-out row refused, such as "sms: 9876500001", so a person can fix them at the source. */
function rejectedOf(row: ProblemRow): string {
  return Object.entries(row.rejected ?? {})
    .map(([channel, value]) => `${channel}: ${value}`)
    .join('; ');
}

/**
 * The failed, invalid and duplicate rows of a run with their reasons, attempts and
 * Fyno request ids, a page at a time; the CSV export reads every page.
 */
export function FailuresTable({
  runId,
  version,
  purged,
}: {
  runId: string;
  version: string;
  purged: boolean;
}) {
  const [rows, setRows] = useState<ProblemRow[]>([]);
  const [next, setNext] = useState<number | undefined>();
  const [loading, setLoading] = useState(true);
  const [exporting, setExporting] = useState(false);

  // The first page again whenever the run's counts change.
  useEffect(() => {
    let current = true;
    api<ProblemPage>('GET', `/api/runs/${runId}/failures?limit=${pageSize}`)
      .then((page) => {
        if (!current) return;
        setRows(page.rows);
        setNext(page.next);
      })
      .catch(() => {})
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [runId, version]);

  async function loadMore() {
    if (next === undefined) return;
    setLoading(true);
    try {
      const page = await api<ProblemPage>(
        'GET',
        `/api/runs/${runId}/failures?after=${next}&limit=${pageSize}`,
      );
      setRows((previous) => [...previous, ...page.rows]);
      setNext(page.next);
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'Loading more rows failed.');
    } finally {
      setLoading(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const all: ProblemRow[] = [];
      let after = 0;
      for (;;) {
        const page = await api<ProblemPage>(
          'GET',
          `/api/runs/${runId}/failures?after=${after}&limit=${exportPageSize}`,
        );
        all.push(...page.rows);
        if (page.next === undefined) break;
        after = page.next;
      }
      // escapeFormulae: a recipient such as "=HYPERLINK(...)" stays text in a spreadsheet.
      const csv = unparse(
        all.map((row) => ({
          row: row.seq,
          status: row.status,
          recipient: recipientOf(row),
          reason: row.reason ?? '',
          rejected_values: rejectedOf(row),
          attempts: row.attempts,
          fyno_request_id: row.requestId ?? '',
          payload: row.payload ? JSON.stringify(row.payload) : '',
        })),
        {
          escapeFormulae: true,
          columns: [
            'row',
            'status',
            'recipient',
            'reason',
            'rejected_values',
            'attempts',
            'fyno_request_id',
            'payload',
          ],
        },
      );
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `run-${runId}-failures.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'The export failed.');
    } finally {
      setExporting(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          Failed, invalid and duplicate rows
        </Title>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => void exportCsv()}
          loading={exporting}
          disabled={rows.length === 0}
        >
          Export CSV
        </Button>
      </Group>
      {purged && (
        <Text size="xs" c="dimmed" mb="xs">
          The recipients&apos; details were removed after the retention period; statuses and reasons remain.
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {loading ? 'Loading…' : 'None: every recipient so far was sent.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" data-testid="failures-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Recipient</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Value rejected</Table.Th>
                <Table.Th ta="right">Attempts</Table.Th>
                <Table.Th>Fyno request id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.seq}>
                  <Table.Td>{row.seq}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColors[row.status] ?? 'gray'}>
                      {row.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{recipientOf(row) || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.reason ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff={row.rejected ? 'monospace' : undefined}>
                      {rejectedOf(row) || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{row.attempts}</Table.Td>
                  <Table.Td>
                    {row.requestId ? (
                      <Group gap={4} wrap="nowrap">
                        <Text size="xs" ff="monospace">
                          {row.requestId}
                        </Text>
                        <CopyButton value={row.requestId}>
                          {({ copied, copy }) => (
                            <Tooltip label={copied ? 'Copied' : 'Copy'}>
                              <ActionIcon
                                variant="subtle"
                                size="sm"
                                onClick={copy}
                                aria-label="Copy the request id"
                              >
                                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                              </ActionIcon>
                            </Tooltip>
                          )}
                        </CopyButton>
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next !== undefined && (
        <Group justify="center" mt="sm">
          <Button variant="subtle" onClick={() => void loadMore()} loading={loading}>
            Show more
          </Button>
        </Group>
      )}
    </Paper>
  );
}
