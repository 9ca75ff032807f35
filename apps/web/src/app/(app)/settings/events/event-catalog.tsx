'use client';

import { fynoChannelLabels, type FynoChannel } from '@connect/core';
import { ActionIcon, Badge, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconBell, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { api } from '@/lib/api-client';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import { type CatalogEventView, EventFormModal } from './event-form-modal';

export function EventCatalog({ events, canEdit }: { events: CatalogEventView[]; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<CatalogEventView | 'new' | null>(null);

  function confirmRemove(event: CatalogEventView) {
    modals.openConfirmModal({
      title: `Remove "${event.name}" from the catalog?`,
      children: (
        <Text size="sm">
          The event stays in Fyno; it only stops being offered for new campaigns. Campaigns that already use
          it keep sending it.
        </Text>
      ),
      labels: { confirm: 'Remove', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await api('DELETE', `/api/event-catalog/${event.id}`);
          notifySuccess(`"${event.name}" was removed from the catalog.`);
          router.refresh();
        } catch (failure) {
          notifyError(failure instanceof Error ? failure.message : 'Removing failed.');
        }
      },
    });
  }

  const addButton = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add event
    </Button>
  );

  return (
    <>
      {events.length === 0 ? (
        <EmptyState icon={<IconBell size={28} />} title="No notification events yet" action={addButton}>
          Fyno has no API that lists your notification events, so Connect keeps this catalog. Add each event
          you want campaigns to send, with the name exactly as in Fyno, its channels and the placeholders its
          templates use.
        </EmptyState>
      ) : (
        <Paper withBorder p="lg">
          <Group justify="space-between" mb="md">
            <Text size="sm" c="dimmed" maw={640}>
              The notification events campaigns can send. Names must match Fyno exactly; channels decide what
              a campaign can map to a destination column; placeholders are filled from cohort columns or fixed
              text.
            </Text>
            {addButton}
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event name</Table.Th>
                  <Table.Th>Channels</Table.Th>
                  <Table.Th>Placeholders</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((event) => (
                  <Table.Tr key={event.id} data-testid={`event-row-${event.name}`}>
                    <Table.Td>
                      <Text fw={600} ff="monospace" size="sm">
                        {event.name}
                      </Text>
                      {event.description && (
                        <Text size="xs" c="dimmed">
                          {event.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {event.channels.map((channel) => (
                          <Badge key={channel} variant="light">
                            {fynoChannelLabels[channel as FynoChannel] ?? channel}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {event.placeholders.join(', ') || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit ${event.name}`}
                              onClick={() => setEditing(event)}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Remove">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Remove ${event.name}`}
                              onClick={() => confirmRemove(event)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <EventFormModal
          event={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            router.refresh();
          }}
        />
      )}
    </>
  );
}
