'use client';

import { fynoChannelLabels, type FynoChannel } from '@connect/core';
import {
  Alert,
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCalendarRepeat, IconLoader } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { CampaignStatusBadge, liveRunStatuses, RunStatusBadge } from '@/components/campaigns/campaign-status';
import { browserTimeZone, formatCount, formatInZone } from '@/components/campaigns/format';
import { RunNote } from '@/components/campaigns/run-note';
import type { CampaignOverviewView } from '@/components/campaigns/views';
import { PageHeader } from '@/components/page-header';
import { CampaignActions } from './campaign-actions';
import { RunsChart } from './runs-chart';
import { RunsTable } from './runs-table';

/** A campaign: status, schedule and next runs, what it sends, its runs and the chart of them. */
export function CampaignDetail({
  overview,
  cohortName,
  scheduleWords,
  canEdit,
}: {
  overview: CampaignOverviewView;
  cohortName: string;
  scheduleWords: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const { campaign, runs, nextRuns } = overview;
  const liveRun = runs.find((run) => liveRunStatuses.includes(run.status)) ?? null;

  // A run under way moves its counts; the page refreshes itself until it ends.
  useEffect(() => {
    if (!liveRun) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [liveRun, router]);

  const zone = campaign.schedule?.timeZone;
  const browserZone = browserTimeZone();
  const mapping = campaign.mapping;

  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`${campaign.type} campaign sending ${mapping.eventName} to the cohort ${cohortName}.`}
        actions={
          canEdit ? (
            <CampaignActions campaign={campaign} cohortName={cohortName} liveRun={liveRun} />
          ) : undefined
        }
      />
      <Stack gap="lg">
        {liveRun && (
          <Alert color="blue" icon={<IconLoader size={18} />} title="A run is under way">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1 }}>
                <Group gap="xs">
                  <RunStatusBadge status={liveRun.status} />
                  <Text size="sm">
                    {formatCount(liveRun.sent)} sent, {formatCount(liveRun.failed)} failed
                    {liveRun.recipients > 0 ? ` of ${formatCount(liveRun.recipients)}` : ''}
                  </Text>
                </Group>
                <Progress value={liveRun.progress.percent ?? 0} animated maw={480} />
              </Stack>
              <Anchor component={Link} href={`/campaigns/${campaign.id}/runs/${liveRun.id}`}>
                Open the run
              </Anchor>
            </Group>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5">
                Schedule
              </Title>
              <CampaignStatusBadge status={campaign.status} />
            </Group>
            <Group gap={8} wrap="nowrap" align="flex-start">
              <IconCalendarRepeat size={18} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm" data-testid="schedule-words">
                {scheduleWords}
              </Text>
            </Group>
            {campaign.status === 'paused' && (
              <Text size="sm" c="dimmed" mt="xs">
                The schedule is paused: no run starts until it is resumed.
              </Text>
            )}
            {campaign.status === 'completed' && (
              <Text size="sm" c="dimmed" mt="xs">
                The schedule has finished. &quot;Run now&quot; still sends it once more.
              </Text>
            )}
            {nextRuns.length > 0 && zone && (
              <>
                <Text size="sm" fw={600} mt="md" mb={4}>
                  Next runs ({zone})
                </Text>
                <List size="sm" spacing={2} data-testid="next-runs">
                  {nextRuns.map((run) => (
                    <List.Item key={run.at}>
                      {formatInZone(run.at, zone)}
                      {browserZone !== zone && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          ({formatInZone(run.at, browserZone)} your time)
                        </Text>
                      )}
                      {run.note && <RunNote note={run.note} />}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h5" mb="xs">
              What it sends
            </Title>
            <Stack gap={6}>
              <Text size="sm">
                Event{' '}
                <Text span ff="monospace">
                  {mapping.eventName}
                </Text>{' '}
                to the cohort{' '}
                <Anchor component={Link} href={`/cohorts/${campaign.cohortId}`}>
                  {cohortName}
                </Anchor>
              </Text>
              <Group gap={6}>
                {Object.entries(mapping.to).map(([channel, column]) => (
                  <Badge key={channel} variant="light" tt="none">
                    {fynoChannelLabels[channel as FynoChannel] ?? channel} ← {column}
                  </Badge>
                ))}
              </Group>
              {Object.keys(mapping.data).length > 0 && (
                <Text size="sm" c="dimmed">
                  Data:{' '}
                  {Object.entries(mapping.data)
                    .map(([name, source]) =>
                      source.kind === 'column' ? `${name} ← ${source.column}` : `${name} = “${source.text}”`,
                    )
                    .join(', ')}
                </Text>
              )}
              {mapping.distinctIdColumn && (
                <Text size="sm" c="dimmed">
                  distinct_id ← {mapping.distinctIdColumn}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {campaign.rateLimitPerSecond
                  ? `At most ${formatCount(campaign.rateLimitPerSecond)} sends per second.`
                  : 'Sends as fast as the workspace limit allows.'}{' '}
                {campaign.errorPolicy.mode === 'stop'
                  ? `Stops when ${campaign.errorPolicy.failureRatePercent}% of sends fail (after ${formatCount(campaign.errorPolicy.minimumAttempts)}).`
                  : 'Keeps going when some sends fail.'}
              </Text>
            </Stack>
          </Paper>
        </SimpleGrid>
        <RunsChart runs={runs} />
        <RunsTable campaignId={campaign.id} runs={runs} />
      </Stack>
    </>
  );
}
