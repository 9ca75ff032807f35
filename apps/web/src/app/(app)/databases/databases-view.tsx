'use client';

import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconDatabase, IconExternalLink, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { KindSummary } from '@connect/cohorts';
import { confirmDelete } from '@/components/confirm-delete';
import { DatabaseKindIcon } from '@/components/database-kind-icon';
import { EmptyState } from '@/components/empty-state';
import { RelativeTime } from '@/components/relative-time';
import { api } from '@/lib/api-client';
import { useCan } from '@/lib/session-user';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import { ConnectionFormModal } from './connection-form-modal';
import type { ConnectionRow } from './connection-row';
import { CredentialBadge } from './credential-badge';
import classes from './databases.module.css';

/** The product's order of the cards; a kind added to the registry later follows these. */
const cardOrder = ['mongodb', 'snowflake', 'postgres', 'mysql'];

function sortKinds(kinds: KindSummary[]): KindSummary[] {
  const rank = (kind: string) => (cardOrder.includes(kind) ? cardOrder.indexOf(kind) : cardOrder.length);
  return [...kinds].sort((a, b) => rank(a.kind) - rank(b.kind));
}

export function DatabasesView({
  kinds,
  connections,
}: {
  kinds: KindSummary[];
  connections: ConnectionRow[];
}) {
  const router = useRouter();
  const canEdit = useCan('edit');
  const [form, setForm] = useState<{ kind: KindSummary; editing: ConnectionRow | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const kindsByName = new Map(kinds.map((kind) => [kind.kind, kind]));

  async function retest(connection: ConnectionRow) {
    setBusy(connection.id);
    try {
      const result = await api<{ ok: boolean; error?: string; latencyMs?: number }>(
        'POST',
        `/api/connections/${connection.id}/test`,
      );
      if (result.ok) notifySuccess(`${connection.name} answered in ${result.latencyMs} ms.`);
      else notifyError(`${connection.name} failed its test: ${result.error}`);
      router.refresh();
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'The test could not run.');
    } finally {
      setBusy(null);
    }
  }

  const askToDelete = (connection: ConnectionRow) =>
    confirmDelete({
      name: connection.name,
      url: `/api/connections/${connection.id}`,
      consequence:
        'Connect forgets this connection and its stored credentials. Nothing in the database itself changes.',
      noun: 'database',
      onDeleted: () => router.refresh(),
    });

  return (
    <Stack gap="xl">
      {canEdit && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            Add Database
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            {sortKinds(kinds).map((kind) => (
              <UnstyledButton
                key={kind.kind}
                className={classes.card}
                onClick={() => setForm({ kind, editing: null })}
                aria-label={`Add ${kind.label} database`}
              >
                <Group gap="sm" wrap="nowrap">
                  <DatabaseKindIcon kind={kind.kind} />
                  <Stack gap={2}>
                    <Text fw={600}>{kind.label}</Text>
                    <Text size="xs" c="dimmed">
                      {kind.capabilities.queryLanguage === 'sql'
                        ? 'Filters or SQL'
                        : 'Filters or aggregation pipelines'}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </Stack>
      )}

      <Stack gap="sm">
        <Title order={2} size="h4">
          Connected DBs
        </Title>
        {connections.length === 0 ? (
          <EmptyState icon={<IconDatabase size={28} />} title="No databases connected yet">
            {canEdit
              ? 'Choose a kind of database above to connect one. Once connected, you can browse its tables and collections and build cohorts from them.'
              : 'An editor or owner connects databases. Once one is connected you can browse its tables and collections here.'}
          </EmptyState>
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th miw={180}>Status</Table.Th>
                    <Table.Th>Last tested</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {connections.map((connection) => {
                    const kind = kindsByName.get(connection.kind);
                    return (
                      <Table.Tr key={connection.id} data-testid={`connection-row-${connection.name}`}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <DatabaseKindIcon kind={connection.kind} size={26} />
                            <Text size="sm">{kind?.label ?? connection.kind}</Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} href={`/databases/${connection.id}`} fw={600}>
                            {connection.name}
                          </Anchor>
                          {connection.serverVersion && (
                            <Text size="xs" c="dimmed">
                              {connection.serverVersion}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            {connection.status === 'ok' ? (
                              <Badge color="green" variant="light">
                                Connected
                              </Badge>
                            ) : (
                              <Tooltip
                                label={connection.lastError ?? 'The last test failed'}
                                multiline
                                w={320}
                                withArrow
                              >
                                <Badge color="red" variant="light">
                                  Failing
                                </Badge>
                              </Tooltip>
                            )}
                            <CredentialBadge report={connection.credentialReport} />
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            <RelativeTime iso={connection.lastTestedAt} />
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="light"
                              component={Link}
                              href={`/databases/${connection.id}`}
                              leftSection={<IconExternalLink size={14} />}
                            >
                              Open
                            </Button>
                            {canEdit && kind && (
                              <Button
                                size="xs"
                                variant="subtle"
                                leftSection={<IconPencil size={14} />}
                                onClick={() => setForm({ kind, editing: connection })}
                                aria-label={`Edit ${connection.name}`}
                              >
                                Edit
                              </Button>
                            )}
                            {canEdit && (
                              <Button
                                size="xs"
                                variant="subtle"
                                leftSection={<IconRefresh size={14} />}
                                loading={busy === connection.id}
                                onClick={() => retest(connection)}
                                aria-label={`Re-test ${connection.name}`}
                              >
                                Re-test
                              </Button>
                            )}
                            {canEdit && (
                              <Button
                                size="xs"
                                variant="subtle"
                                color="red"
                                leftSection={<IconTrash size={14} />}
                                onClick={() => askToDelete(connection)}
                                aria-label={`Delete ${connection.name}`}
                              >
                                Delete
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>

      {form && (
        <ConnectionFormModal
          kind={form.kind}
          editing={form.editing}
          onClose={() => setForm(null)}
          onSaved={(connection) => {
            notifySuccess(
              form.editing ? `${connection.name} was saved.` : `${connection.name} is connected.`,
            );
            setForm(null);
            router.refresh();
          }}
        />
      )}
    </Stack>
  );
}
