'use client';

import { Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

export interface DatabaseOption {
  id: string;
  name: string;
  kind: string;
}

/**
 * "Create Cohort": a name and a database, then the builder opens (nothing is saved
 * until "Save Cohort").
 */
export function CreateCohortModal({
  databases,
  onClose,
}: {
  databases: DatabaseOption[];
  onClose: () => void;
}) {
  const router = useRouter();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', connectionId: databases.length === 1 ? databases[0]!.id : '' },
    validate: {
      name: (value) =>
        value.trim() === ''
          ? 'Give the cohort a name'
          : value.trim().length > 120
            ? 'Use at most 120 characters'
            : null,
      connectionId: (value) => (value ? null : 'Choose a database'),
    },
  });

  const submit = form.onSubmit((values) => {
    const params = new URLSearchParams({ name: values.name.trim(), connectionId: values.connectionId });
    router.push(`/cohorts/new?${params}`);
  });

  return (
    <Modal opened onClose={onClose} title="Create Cohort">
      {databases.length === 0 ? (
        <Stack>
          <Text size="sm">
            A cohort is built from a database.{' '}
            <Anchor component={Link} href="/databases">
              Connect a database
            </Anchor>{' '}
            first.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              placeholder="e.g. Active users in Berlin"
              required
              data-autofocus
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Select
              label="Database"
              placeholder="Choose a database"
              required
              data={databases.map((database) => ({ value: database.id, label: database.name }))}
              searchable
              allowDeselect={false}
              key={form.key('connectionId')}
              {...form.getInputProps('connectionId')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit">Submit</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
