'use client';

import { addUserSchema, minPasswordLength, roleDescriptions, roleLabels, roles } from '@connect/core';
import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { api } from '@/lib/api-client';
import { notifySuccess, submitForm } from '@/lib/submit-form';

const roleOptions = roles.map((role) => ({
  value: role,
  label: `${roleLabels[role]}: ${roleDescriptions[role]}`,
}));

export function AddUserModal({
  opened,
  onClose,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  onAdded: () => void;
}) {
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', email: '', role: 'editor' as (typeof roles)[number], password: '' },
    validate: schemaResolver(addUserSchema, { sync: true }),
  });

  const submit = form.onSubmit(async (values) => {
    if (!(await submitForm(form, () => api('POST', '/api/users', values)))) return;
    notifySuccess(
      `${values.name} was added. Pass on the first password; they can change it under Your account.`,
    );
    form.reset();
    onAdded();
    onClose();
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            data-autofocus
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            type="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={roleOptions}
            allowDeselect={false}
            key={form.key('role')}
            {...form.getInputProps('role')}
          />
          <PasswordInput
            label="First password"
            description={`At least ${minPasswordLength} characters. Share it privately.`}
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
