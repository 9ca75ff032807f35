'use client';

import { Anchor, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconSend } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { CampaignStatusBadge, liveRunStatuses, RunStatusBadge } from '@/components/campaigns/campaign-status';
import { formatCount, formatInZone } from '@/components/campaigns/format';
import type { CampaignSummaryView } from '@/components/campaigns/views';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

/** Every campaign: what it sends, to whom, when, and how its last run went. */
export function CampaignList({ campaigns, canEdit }: { campaigns: CampaignSummaryView[]; canEdit: boolean }) {
  const router = useRouter();
  const anyLive = campaigns.some(
    (campaign) => campaign.lastRun && liveRunStatuses.includes(campaign.lastRun.status),
  );
  // While a run is going, its counts move: refresh the list now and then.
  useEffect(() => {
    if (!anyLive) return;
    const timer = setInterval(() => router.refresh(), 5_000);
    return () => clearInterval(timer);
  }, [anyLive, router]);

  const create = canEdit && (
    <Button component={Link} href="/campaigns/new" rightSection={<IconPlus size={16} />}>
      Create
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A campaign fires a Fyno notification event for every user in a cohort, once or on a schedule."
        actions={campaigns.length > 0 ? create : undefined}
      />
      {campaigns.length === 0 ? (
        <EmptyState icon={<IconSend size={28} />} title="No campaigns yet" action={create}>
          A campaign sends one of your Fyno notification events to every user of a cohort. You need a cohort
          (under Cohorts), the event in the catalog (Settings → Events) and your Fyno details (Settings).
          {!canEdit && ' Editors and owners can create campaigns.'}
        </EmptyState>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Cohort</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Schedule</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last run</Table.Th>
                  <Table.Th>Next run</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.map((campaign) => (
                  <Table.Tr key={campaign.id} data-testid={`campaign-row-${campaign.name}`}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Anchor component={Link} href={`/campaigns/${campaign.id}`} fw={600}>
                          {campaign.name}
                        </Anchor>
                        <Badge variant="outline" color="gray" size="xs">
                          {campaign.type}
                        </Badge>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{campaign.cohortName}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {campaign.mapping.eventName}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm">{campaign.scheduleWords}</Text>
                    </Table.Td>
                    <Table.Td>
                      <CampaignStatusBadge status={campaign.status} />
                    </Table.Td>
                    <Table.Td>
                      {campaign.lastRun ? (
                        <Stack gap={2}>
                          <Anchor
                            component={Link}
                            href={`/campaigns/${campaign.id}/runs/${campaign.lastRun.id}`}
                            underline="never"
                          >
                            <RunStatusBadge status={campaign.lastRun.status} />
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {formatCount(campaign.lastRun.sent)} sent · {formatCount(campaign.lastRun.failed)}{' '}
                            failed
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not run yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {campaign.nextRun && campaign.schedule
                          ? formatInZone(campaign.nextRun, campaign.schedule.timeZone)
                          : '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  );
}
