import { Badge } from '@mantine/core';

// A narrow table column must widen for the word rather than cut it to "COMPLE…".
const wholeWord = { root: { minWidth: 'max-content' } };

const campaignColors: Record<string, string> = { active: 'green', paused: 'yellow', completed: 'gray' };
const campaignLabels: Record<string, string> = { active: 'Active', paused: 'Paused', completed: 'Completed' };

/** A campaign's state: active (scheduled or ready to run), paused, or completed. */
export function CampaignStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={campaignColors[status] ?? 'gray'} styles={wholeWord}>
      {campaignLabels[status] ?? status}
    </Badge>
  );
}

const runColors: Record<string, string> = {
  queued: 'gray',
  snapshotting: 'blue',
  sending: 'blue',
  paused: 'yellow',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
};
const runLabels: Record<string, string> = {
  queued: 'Queued',
  snapshotting: 'Reading cohort',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const liveRunStatuses = ['queued', 'snapshotting', 'sending', 'paused'];

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={runColors[status] ?? 'gray'} styles={wholeWord}>
      {runLabels[status] ?? status}
    </Badge>
  );
}
