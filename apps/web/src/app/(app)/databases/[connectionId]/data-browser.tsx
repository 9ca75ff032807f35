'use client';

import type { SourceSummary } from '@connect/connectors';
import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconUsersGroup } from '@tabler/icons-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo } from 'react';
import type { KindSummary } from '@connect/cohorts';
import { DataExplorer } from '@/components/data-explorer/data-explorer';
import { requestJson } from '@/components/data-explorer/request-json';
import { SourceList } from '@/components/data-explorer/source-list';
import { useCancellable } from '@/components/data-explorer/use-cancellable';
import { DatabaseKindIcon } from '@/components/database-kind-icon';
import { useCan } from '@/lib/session-user';
import type { ConnectionRow } from '../connection-row';
import { CredentialAlert } from './credential-alert';

/**
 * A connected database: its tables or collections on the left (searchable, grouped
 * by schema), the chosen one's data on the right with filters or a query.
 */
export function DataBrowser({ connection, kind }: { connection: ConnectionRow; kind: KindSummary }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const canEdit = useCan('edit');
  const sources = useCancellable<SourceSummary[]>();
  const { run: loadSources } = sources;

  useEffect(() => {
    void loadSources((signal) =>
      requestJson<{ sources: SourceSummary[] }>(
        'GET',
        `/api/connections/${connection.id}/sources`,
        undefined,
        signal,
      ).then((reply) => reply.sources),
    );
  }, [connection.id, loadSources]);

  const selectedId = search.get('source');
  const selected = useMemo(
    () => sources.data?.find((source) => source.id === selectedId) ?? null,
    [sources.data, selectedId],
  );

  const choose = (source: SourceSummary) =>
    router.replace(`${pathname}?source=${encodeURIComponent(source.id)}`, { scroll: false });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Button
            component={Link}
            href="/databases"
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArrowLeft size={14} />}
            w="fit-content"
          >
            Databases
          </Button>
          <Group gap="sm">
            <DatabaseKindIcon kind={connection.kind} />
            <Title order={1} size="h2">
              {connection.name}
            </Title>
            <Badge variant="light" color={connection.status === 'ok' ? 'green' : 'red'}>
              {connection.status === 'ok' ? 'Connected' : 'Failing'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {kind.label}
            {connection.serverVersion ? ` · ${connection.serverVersion}` : ''} · read-only
          </Text>
        </Stack>
        {canEdit && (
          <Button
            component={Link}
            href={`/cohorts/new?connectionId=${connection.id}${selected ? `&source=${encodeURIComponent(selected.id)}` : ''}`}
            leftSection={<IconUsersGroup size={16} />}
          >
            Create Cohort
          </Button>
        )}
      </Group>

      <CredentialAlert report={connection.credentialReport} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="sm">
            {sources.status.status === 'running' && !sources.data ? (
              <Group gap="xs" p="xs">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  Listing tables…
                </Text>
              </Group>
            ) : sources.status.status === 'error' ? (
              <Alert color="red" icon={<IconAlertCircle size={16} />} title="Could not list the tables">
                {sources.status.message}
              </Alert>
            ) : (
              <SourceList sources={sources.data ?? []} selected={selectedId} onSelect={choose} />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {selected ? (
            // One explorer across tables, so a generated query can move it to the table it names.
            <DataExplorer
              connectionId={connection.id}
              kind={connection.kind}
              queryLanguage={kind.capabilities.queryLanguage}
              sources={sources.data ?? []}
              source={selected}
              onSourceChange={choose}
            />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                {sources.data && sources.data.length > 0
                  ? 'Choose a table or collection on the left to see its data.'
                  : ' '}
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
