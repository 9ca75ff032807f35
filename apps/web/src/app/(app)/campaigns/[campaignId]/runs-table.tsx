'use client';

import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { RunStatusBadge } from '@/components/campaigns/campaign-status';
import { formatCount, formatDuration, formatLocal, secondsBetween } from '@/components/campaigns/format';
import type { RunWithProgressView } from '@/components/campaigns/views';

/** Every run of a campaign, newest first; each opens its log. */
export function RunsTable({ campaignId, runs }: { campaignId: string; runs: RunWithProgressView[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Runs
      </Title>
      {runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          No runs yet. &quot;Run now&quot; sends the campaign to its cohort at once; a schedule starts runs at
          its times.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Recipients</Table.Th>
                <Table.Th ta="right">Sent</Table.Th>
                <Table.Th ta="right">Failed</Table.Th>
                <Table.Th ta="right">Invalid</Table.Th>
                <Table.Th ta="right">Duplicates</Table.Th>
                <Table.Th>Took</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/campaigns/${campaignId}/runs/${run.id}`} size="sm">
                      {formatLocal(run.startedAt ?? run.createdAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{run.trigger === 'schedule' ? 'Schedule' : 'By hand'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RunStatusBadge status={run.status} />
                    {run.progress.percent !== null && run.progress.percent < 100 && !run.finishedAt && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {run.progress.percent}%
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(run.recipients)}</Table.Td>
                  <Table.Td ta="right">{formatCount(run.sent)}</Table.Td>
                  <Table.Td ta="right" c={run.failed > 0 ? 'red' : undefined}>
                    {formatCount(run.failed)}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(run.invalid)}</Table.Td>
                  <Table.Td ta="right">{formatCount(run.duplicates)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {run.startedAt ? formatDuration(secondsBetween(run.startedAt, run.finishedAt)) : '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
