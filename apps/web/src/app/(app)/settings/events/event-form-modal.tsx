'use client';

import { eventCatalogEntrySchema, fynoChannelLabels, fynoChannels, type FynoChannel } from '@connect/core';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { api } from '@/lib/api-client';
import { notifySuccess, submitForm } from '@/lib/submit-form';

export interface CatalogEventView {
  id: string;
  name: string;
  description: string;
  channels: string[];
  placeholders: string[];
  updatedAt: string;
}

export function EventFormModal({
  event,
  onClose,
  onSaved,
}: {
  event: CatalogEventView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: event?.name ?? '',
      description: event?.description ?? '',
      channels: (event?.channels ?? []) as FynoChannel[],
      placeholders: event?.placeholders ?? [],
    },
    validate: schemaResolver(eventCatalogEntrySchema, { sync: true }),
  });

  const submit = form.onSubmit(async (values) => {
    const saved = await submitForm(form, () =>
      event
        ? api('PUT', `/api/event-catalog/${event.id}`, values)
        : api('POST', '/api/event-catalog', values),
    );
    if (!saved) return;
    notifySuccess(event ? `"${values.name}" was updated.` : `"${values.name}" was added to the catalog.`);
    onSaved();
  });

  return (
    <Modal opened onClose={onClose} title={event ? 'Edit event' : 'Add event'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Notification event name"
            description="Exactly as in Fyno Cloud (it is case-sensitive there)."
            placeholder="order_shipped"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea label="Description" autosize minRows={1} {...form.getInputProps('description')} />
          <Checkbox.Group
            label="Channels"
            description="The channels this event sends on in Fyno. A campaign maps each to a cohort column."
            required
            {...form.getInputProps('channels')}
          >
            <SimpleGrid cols={3} mt="xs">
              {fynoChannels.map((channel) => (
                <Checkbox key={channel} value={channel} label={fynoChannelLabels[channel]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TagsInput
            label="Placeholders"
            description="The names your templates use, such as first_name. Press Enter after each."
            placeholder="first_name"
            {...form.getInputProps('placeholders')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {event ? 'Save' : 'Add event'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
