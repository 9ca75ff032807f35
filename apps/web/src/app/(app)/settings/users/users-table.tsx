'use client';

import { type Role, roleDescriptions, roleLabels, roles } from '@connect/core';
import { Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconUserPlus } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import { AddUserModal } from './add-user-modal';

export interface UserRowView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

export function UsersTable({ users, currentUserId }: { users: UserRowView[]; currentUserId: string }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  async function update(user: UserRowView, patch: { role?: Role; active?: boolean }, done: string) {
    setBusy(user.id);
    try {
      await api('PATCH', `/api/users/${user.id}`, patch);
      notifySuccess(done);
      router.refresh();
    } catch (failure) {
      notifyError(failure instanceof Error ? failure.message : 'The change failed.');
    } finally {
      setBusy(null);
    }
  }

  function confirmDeactivate(user: UserRowView) {
    modals.openConfirmModal({
      title: `Deactivate ${user.name}?`,
      children: (
        <Text size="sm">
          {user.email} will be signed out everywhere at once and will not be able to sign in until
          reactivated. Their past actions stay in the audit log.
        </Text>
      ),
      labels: { confirm: 'Deactivate', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => update(user, { active: false }, `${user.name} was deactivated.`),
    });
  }

  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="md">
        <Text size="sm" c="dimmed">
          {roleLabels.owner}: {roleDescriptions.owner.toLowerCase()}. {roleLabels.editor}:{' '}
          {roleDescriptions.editor.toLowerCase()}. {roleLabels.viewer}:{' '}
          {roleDescriptions.viewer.toLowerCase()}.
        </Text>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
          Add user
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th w={160}>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              const isSelf = user.id === currentUserId;
              return (
                <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <Table.Td>
                    {user.name}
                    {isSelf && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (you)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${user.name}`}
                      data={roleOptions}
                      value={user.role}
                      allowDeselect={false}
                      disabled={busy === user.id || !user.active}
                      onChange={(role) =>
                        role &&
                        role !== user.role &&
                        update(
                          user,
                          { role: role as Role },
                          `${user.name} is now ${roleLabels[role as Role]}.`,
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.active ? 'green' : 'gray'} variant="light">
                      {user.active ? 'Active' : 'Deactivated'}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {user.active ? (
                      !isSelf && (
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          loading={busy === user.id}
                          onClick={() => confirmDeactivate(user)}
                        >
                          Deactivate
                        </Button>
                      )
                    ) : (
                      <Button
                        variant="subtle"
                        size="xs"
                        loading={busy === user.id}
                        onClick={() => update(user, { active: true }, `${user.name} was reactivated.`)}
                      >
                        Reactivate
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AddUserModal opened={adding} onClose={() => setAdding(false)} onAdded={() => router.refresh()} />
    </Paper>
  );
}
