'use client';

import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  IconCopy,
  IconDots,
  IconPencil,
  IconPlus,
  IconTrash,
  IconUsersGroup,
  IconCursorText,
} from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { confirmDelete } from '@/components/confirm-delete';
import { DatabaseKindIcon } from '@/components/database-kind-icon';
import { EmptyState } from '@/components/empty-state';
import { RelativeTime } from '@/components/relative-time';
import { api } from '@/lib/api-client';
import { useCan } from '@/lib/session-user';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import type { CohortRow } from './cohort-row';
import { CreateCohortModal, type DatabaseOption } from './create-cohort-modal';

/** "1,204", "about 1,204" for an estimate, "not counted yet". */
export function cohortSize(cohort: Pick<CohortRow, 'lastCount' | 'lastCountKind'>): string {
  if (cohort.lastCount === null) return 'not counted yet';
  return `${cohort.lastCountKind === 'estimate' ? 'about ' : ''}${cohort.lastCount.toLocaleString()}`;
}

function sourceText(cohort: CohortRow): string {
  if (cohort.definition.type === 'query' && !cohort.source) return 'Query';
  const name = cohort.source ? [cohort.source.schema, cohort.source.name].filter(Boolean).join('.') : '';
  return cohort.definition.type === 'query' ? `${name} (query)` : name;
}

export function CohortsView({ cohorts, databases }: { cohorts: CohortRow[]; databases: DatabaseOption[] }) {
  const router = useRouter();
  const canEdit = useCan('edit');
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<CohortRow | null>(null);

  async function duplicate(cohort: CohortRow) {
    try {
      const { cohort: copy } = await api<{ cohort: { name: string } }>(
        'POST',
        `/api/cohorts/${cohort.id}/duplicate`,
      );
      notifySuccess(`${copy.name} was created.`);
      router.refresh();
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'The cohort could not be copied.');
    }
  }

  const askToDelete = (cohort: CohortRow) =>
    confirmDelete({
      name: cohort.name,
      url: `/api/cohorts/${cohort.id}`,
      consequence: "The cohort's filters or query are deleted. Your database is not touched.",
      noun: 'cohort',
      onDeleted: () => router.refresh(),
    });

  const createButton = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      Create Cohort
    </Button>
  );

  return (
    <Stack>
      {cohorts.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={28} />} title="No cohorts yet" action={createButton}>
          {databases.length === 0
            ? 'Connect a database first under Databases; then create a cohort from its data with filters or a query.'
            : 'Create a cohort from one of your databases with filters or a query. Campaigns send to cohorts.'}
        </EmptyState>
      ) : (
        <Paper withBorder p="lg">
          <Group justify="space-between" mb="md">
            <Text size="sm" c="dimmed">
              Sizes are from the last count; a campaign counts its cohort again when it runs.
            </Text>
            {createButton}
          </Group>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Database</Table.Th>
                  <Table.Th>Source</Table.Th>
                  <Table.Th ta="right">Size</Table.Th>
                  <Table.Th>Updated</Table.Th>
                  <Table.Th>Used by</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cohorts.map((cohort) => (
                  <Table.Tr key={cohort.id} data-testid={`cohort-row-${cohort.name}`}>
                    <Table.Td>
                      <Anchor component={Link} href={`/cohorts/${cohort.id}`} fw={600}>
                        {cohort.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <DatabaseKindIcon kind={cohort.connectionKind} size={24} />
                        <Text size="sm">{cohort.connectionName}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {sourceText(cohort)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={cohort.lastCount === null ? 'dimmed' : undefined}>
                        {cohortSize(cohort)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <RelativeTime iso={cohort.updatedAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={cohort.campaignCount === 0 ? 'dimmed' : undefined}>
                        {cohort.campaignCount === 0
                          ? 'no campaigns'
                          : `${cohort.campaignCount} ${cohort.campaignCount === 1 ? 'campaign' : 'campaigns'}`}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {canEdit && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Actions for ${cohort.name}`}
                            >
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              component={Link}
                              href={`/cohorts/${cohort.id}`}
                              leftSection={<IconPencil size={14} />}
                            >
                              Edit
                            </Menu.Item>
                            <Menu.Item
                              leftSection={<IconCursorText size={14} />}
                              onClick={() => setRenaming(cohort)}
                            >
                              Rename
                            </Menu.Item>
                            <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => duplicate(cohort)}>
                              Duplicate
                            </Menu.Item>
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => askToDelete(cohort)}
                            >
                              Delete
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {creating && <CreateCohortModal databases={databases} onClose={() => setCreating(false)} />}
      {renaming && (
        <RenameCohortModal
          cohort={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            router.refresh();
          }}
        />
      )}
    </Stack>
  );
}

function RenameCohortModal({
  cohort,
  onClose,
  onRenamed,
}: {
  cohort: CohortRow;
  onClose: () => void;
  onRenamed: () => void;
}) {
  const [name, setName] = useState(cohort.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function save() {
    setSaving(true);
    setError(null);
    try {
      await api('PUT', `/api/cohorts/${cohort.id}`, { name });
      notifySuccess(`Renamed to ${name.trim()}.`);
      onRenamed();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The cohort could not be renamed.');
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Rename ${cohort.name}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={name.trim() === ''}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
