'use client';

import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import {
  IconAlertTriangle,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
} from '@tabler/icons-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { liveRunStatuses, RunStatusBadge } from '@/components/campaigns/campaign-status';
import { formatCount, formatDuration, formatLocal, secondsBetween } from '@/components/campaigns/format';
import type { RunProgress, RunView } from '@/components/campaigns/views';
import { api } from '@/lib/api-client';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import { FailuresTable } from './failures-table';

interface RunState {
  run: RunView;
  progress: RunProgress;
}

const pollMs = 1_500;

/** A run's live progress bar, counts and ETA, its controls, and its failures. */
export function RunDetail({
  initial,
  campaignName,
  eventName,
  cohortName,
  canEdit,
}: {
  initial: RunState;
  campaignName: string;
  eventName: string;
  cohortName: string;
  canEdit: boolean;
}) {
  const [state, setState] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const { run, progress } = state;
  const live = liveRunStatuses.includes(run.status);

  // Poll while the run has work to do; stop once it has ended.
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const timer = setInterval(() => {
      api<RunState>('GET', `/api/runs/${run.id}`)
        .then((next) => !stopped && setState(next))
        .catch(() => {});
    }, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [live, run.id]);

  async function control(action: 'pause' | 'resume' | 'cancel' | 'retry', done: string) {
    setBusy(action);
    try {
      await api('POST', `/api/runs/${run.id}/${action}`);
      setState(await api<RunState>('GET', `/api/runs/${run.id}`));
      notifySuccess(done);
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  }

  const confirmCancel = () =>
    modals.openConfirmModal({
      title: 'Cancel this run?',
      children: (
        <Text size="sm">
          Sending stops after the batch in flight. Recipients not yet sent stay unsent; a cancelled run cannot
          be resumed.
        </Text>
      ),
      labels: { confirm: 'Cancel run', cancel: 'Keep sending' },
      confirmProps: { color: 'red' },
      onConfirm: () => void control('cancel', 'The run was cancelled.'),
    });

  const snapshotDone = progress.percent !== null;
  const elapsed = secondsBetween(run.startedAt, run.finishedAt);

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} href="/campaigns" size="sm">
          Campaigns
        </Anchor>
        <Anchor component={Link} href={`/campaigns/${run.campaignId}`} size="sm">
          {campaignName}
        </Anchor>
        <Text size="sm">Run of {formatLocal(run.startedAt ?? run.createdAt)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              Run of {campaignName}
            </Title>
            <RunStatusBadge status={run.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {run.trigger === 'schedule' ? 'Started by the schedule' : 'Started by hand'} · event{' '}
            <Text span ff="monospace">
              {eventName}
            </Text>{' '}
            · cohort {cohortName} (as it was when the run started)
          </Text>
        </Stack>
        {canEdit && (
          <Group gap="xs">
            {(run.status === 'sending' || run.status === 'snapshotting') && (
              <Button
                variant="default"
                leftSection={<IconPlayerPause size={16} />}
                loading={busy === 'pause'}
                onClick={() => void control('pause', 'The run is paused.')}
              >
                Pause
              </Button>
            )}
            {run.status === 'paused' && (
              <Button
                variant="default"
                leftSection={<IconPlayerPlay size={16} />}
                loading={busy === 'resume'}
                onClick={() => void control('resume', 'The run is sending again.')}
              >
                Resume
              </Button>
            )}
            {live && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={16} />}
                loading={busy === 'cancel'}
                onClick={confirmCancel}
              >
                Cancel run
              </Button>
            )}
            {run.status === 'failed' && (
              <Button
                leftSection={<IconRefresh size={16} />}
                loading={busy === 'retry'}
                onClick={() =>
                  void control('retry', 'The run is trying again with the recipients not yet sent.')
                }
              >
                Retry
              </Button>
            )}
          </Group>
        )}
      </Group>

      {run.failureReason && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Why the run stopped" role="alert">
          {run.failureReason}
        </Alert>
      )}

      <Paper withBorder p="lg">
        <Group justify="space-between" mb={6}>
          <Text fw={600}>
            {!snapshotDone
              ? run.status === 'queued'
                ? 'Waiting for a worker…'
                : // The counters move with each chunk the snapshot writes.
                  `Reading the cohort… ${formatCount(run.rowsRead)} ${run.rowsRead === 1 ? 'row' : 'rows'} so far`
              : `${progress.percent}% · ${formatCount(progress.done)} of ${formatCount(run.recipients)} recipients done`}
          </Text>
          <Text size="sm" c="dimmed" data-testid="run-eta">
            {run.status === 'sending' && progress.etaSeconds !== null
              ? `About ${formatDuration(progress.etaSeconds)} left`
              : run.finishedAt
                ? `Took ${formatDuration(elapsed)}`
                : ''}
            {progress.ratePerSecond ? ` · ${formatCount(Math.round(progress.ratePerSecond))} per second` : ''}
          </Text>
        </Group>
        <Progress
          size="xl"
          value={progress.percent ?? 0}
          animated={live}
          color={run.status === 'failed' ? 'red' : run.status === 'completed' ? 'teal' : undefined}
          aria-label="Run progress"
          data-testid="run-progress"
          data-percent={progress.percent ?? 0}
        />
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="lg" data-testid="run-counts">
          <Count label="Rows read" value={run.rowsRead} />
          <Count label="Recipients" value={run.recipients} />
          <Count label="Sent" value={run.sent} color="teal" />
          <Count label="Failed" value={run.failed} color={run.failed > 0 ? 'red' : undefined} />
          <Count label="Invalid" value={run.invalid} color={run.invalid > 0 ? 'orange' : undefined} />
          <Count label="Duplicates" value={run.duplicates} />
        </SimpleGrid>
        {Object.keys(run.invalidReasons).length > 0 && (
          // One line per reason: a reason names every channel ("no email; sms number has no country code").
          <Stack gap={0} mt="sm" data-testid="run-invalid-reasons">
            <Text size="xs" c="dimmed">
              Invalid rows:
            </Text>
            {Object.entries(run.invalidReasons).map(([reason, count]) => (
              <Text key={reason} size="xs" c="dimmed">
                {formatCount(count)} × {reason}
              </Text>
            ))}
          </Stack>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          Started {formatLocal(run.startedAt)} · finished {formatLocal(run.finishedAt)}
          {run.retries > 0 ? ` · ${formatCount(run.retries)} calls to Fyno were retried` : ''}. Each send is
          in Fyno&apos;s Notification Event logs; failed ones carry their Fyno request id below.
        </Text>
      </Paper>

      <FailuresTable
        runId={run.id}
        version={`${run.failed}:${run.invalid}:${run.duplicates}:${run.status}`}
        purged={run.purgedAt !== null}
      />
    </Stack>
  );
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0} data-testid={`count-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <Text size="xl" fw={700} c={color}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
