'use client';

import type { InUse } from '@connect/cohorts';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { api } from '@/lib/api-client';
import { notifyError, notifySuccess } from '@/lib/submit-form';

/**
 * Asks before deleting something the server may refuse to delete while other things
 * use it. What uses it, and the words for that, come from the server's one rule
 * (`inUse` on the thing's GET), so the dialog and the API's refusal always agree.
 */
export async function confirmDelete(options: {
  name: string;
  /** The thing's API path: GET says whether it is in use, DELETE deletes it. */
  url: string;
  /** What deleting it does, shown when nothing uses it. */
  consequence: ReactNode;
  /** Said when loading or deleting fails for a reason the server did not give. */
  noun: string;
  onDeleted: () => void;
}): Promise<void> {
  let inUse: InUse | null;
  try {
    ({ inUse } = await api<{ inUse: InUse | null }>('GET', options.url));
  } catch (failure) {
    notifyError(failure instanceof Error ? failure.message : `Could not load the ${options.noun}.`);
    return;
  }
  modals.openConfirmModal({
    title: `Delete ${options.name}?`,
    children: inUse ? (
      <Alert color="orange" title={inUse.title}>
        <Text size="sm" mb="xs">
          {inUse.message}
        </Text>
        <List size="sm">
          {inUse.users.map((user) => (
            <List.Item key={user.id}>
              <Anchor component={Link} href={user.href} onClick={() => modals.closeAll()}>
                {user.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Alert>
    ) : (
      <Text size="sm">{options.consequence}</Text>
    ),
    labels: { confirm: 'Delete', cancel: inUse ? 'Close' : 'Cancel' },
    confirmProps: { color: 'red', disabled: inUse !== null },
    onConfirm: async () => {
      try {
        await api('DELETE', options.url);
        notifySuccess(`${options.name} was deleted.`);
        options.onDeleted();
      } catch (failure) {
        notifyError(failure instanceof Error ? failure.message : `The ${options.noun} could not be deleted.`);
      }
    },
  });
}
