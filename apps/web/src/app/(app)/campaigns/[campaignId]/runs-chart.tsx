'use client';

import { BarChart } from '@mantine/charts';
import { Paper, Text, Title } from '@mantine/core';
import type { RunWithProgressView } from '@/components/campaigns/views';

/** Sent and failed per run, oldest on the left: a run that went wrong stands out. */
export function RunsChart({ runs }: { runs: RunWithProgressView[] }) {
  const data = [...runs]
    .filter((run) => run.snapshotAt)
    .reverse()
    .map((run) => ({
      run: new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(run.startedAt ?? run.createdAt)),
      Sent: run.sent,
      Failed: run.failed,
    }));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Sent and failed per run
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          The chart fills in as runs happen.
        </Text>
      ) : (
        <BarChart
          h={220}
          data={data}
          dataKey="run"
          type="stacked"
          withLegend
          series={[
            { name: 'Sent', color: 'teal.6' },
            { name: 'Failed', color: 'red.6' },
          ]}
          aria-label="Sent and failed per run"
          data-testid="runs-chart"
        />
      )}
    </Paper>
  );
}
