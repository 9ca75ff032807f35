'use client';

import { Button, Group, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import {
  IconCopy,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { RunNowPreview } from '@connect/campaigns';
import { RunNowSummary, runNowAudience } from '@/components/campaigns/run-now-summary';
import type { CampaignView, Json, RunView } from '@/components/campaigns/views';
import { api } from '@/lib/api-client';
import { notifyError, notifySuccess } from '@/lib/submit-form';

/** Run now, pause or resume the schedule, cancel the current run, edit, duplicate, delete. */
export function CampaignActions({
  campaign,
  cohortName,
  liveRun,
}: {
  campaign: CampaignView;
  cohortName: string;
  liveRun: RunView | null;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);

  async function act<T>(key: string, request: () => Promise<T>, done: (reply: T) => void) {
    setBusy(key);
    try {
      done(await request());
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  }

  /** Run now sends to a whole cohort: it says how many people, and what was already sent, and asks. */
  const runNow = () =>
    act(
      'run',
      () => api<Json<RunNowPreview>>('GET', `/api/campaigns/${campaign.id}/runs/preview`),
      (preview) =>
        modals.openConfirmModal({
          title: `Send "${campaign.name}" to ${runNowAudience(preview)}?`,
          children: <RunNowSummary preview={preview} cohortName={cohortName} />,
          labels: { confirm: `Send to ${runNowAudience(preview)}`, cancel: 'Not now' },
          onConfirm: () =>
            act(
              'run',
              () => api<{ run: RunView }>('POST', `/api/campaigns/${campaign.id}/runs`, { confirm: true }),
              ({ run }) => {
                notifySuccess('The run has started.');
                router.push(`/campaigns/${campaign.id}/runs/${run.id}`);
              },
            ),
        }),
    );

  const setSchedule = (action: 'pause' | 'resume') =>
    act(
      action,
      () => api('POST', `/api/campaigns/${campaign.id}/${action}`),
      () => {
        notifySuccess(action === 'pause' ? 'The schedule is paused.' : 'The schedule is running again.');
        router.refresh();
      },
    );

  const duplicate = () =>
    act(
      'duplicate',
      () => api<{ campaign: CampaignView }>('POST', `/api/campaigns/${campaign.id}/duplicate`),
      ({ campaign: copy }) => {
        notifySuccess(`"${copy.name}" was created, paused: edit or resume it to send.`);
        router.push(`/campaigns/${copy.id}`);
      },
    );

  const confirmCancel = () =>
    liveRun &&
    modals.openConfirmModal({
      title: 'Cancel the current run?',
      children: (
        <Text size="sm">
          Sending stops after the batch in flight. Recipients not yet sent stay unsent; the run cannot be
          resumed.
        </Text>
      ),
      labels: { confirm: 'Cancel run', cancel: 'Keep sending' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        act(
          'cancel',
          () => api('POST', `/api/runs/${liveRun.id}/cancel`),
          () => {
            notifySuccess('The run was cancelled.');
            router.refresh();
          },
        ),
    });

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete "${campaign.name}"?`,
      children: (
        <Text size="sm">
          The campaign, its schedule and its run history are deleted. Sends already made stay in Fyno&apos;s
          logs. This cannot be undone.
        </Text>
      ),
      labels: { confirm: 'Delete campaign', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        act(
          'delete',
          () => api('DELETE', `/api/campaigns/${campaign.id}`),
          () => {
            notifySuccess(`"${campaign.name}" was deleted.`);
            router.push('/campaigns');
            router.refresh();
          },
        ),
    });

  const scheduled = campaign.schedule !== null;
  return (
    <Group gap="xs" wrap="nowrap">
      {liveRun ? (
        <Button
          color="red"
          variant="light"
          leftSection={<IconPlayerStop size={16} />}
          loading={busy === 'cancel'}
          onClick={confirmCancel}
        >
          Cancel run
        </Button>
      ) : (
        <Button leftSection={<IconSend size={16} />} loading={busy === 'run'} onClick={runNow}>
          Run now
        </Button>
      )}
      {scheduled && campaign.status === 'active' && (
        <Button
          variant="default"
          leftSection={<IconPlayerPause size={16} />}
          loading={busy === 'pause'}
          onClick={() => setSchedule('pause')}
        >
          Pause schedule
        </Button>
      )}
      {scheduled && campaign.status === 'paused' && (
        <Button
          variant="default"
          leftSection={<IconPlayerPlay size={16} />}
          loading={busy === 'resume'}
          onClick={() => setSchedule('resume')}
        >
          Resume schedule
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconPencil size={16} />}
        component={Link}
        href={`/campaigns/${campaign.id}/edit`}
      >
        Edit
      </Button>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" px="xs" aria-label="More actions">
            <IconDots size={16} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconCopy size={16} />} onClick={duplicate}>
            Duplicate
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={confirmDelete}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
