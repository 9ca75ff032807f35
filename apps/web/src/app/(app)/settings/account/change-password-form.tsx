'use client';

import { changePasswordSchema, minPasswordLength } from '@connect/core';
import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { notifySuccess, submitForm } from '@/lib/submit-form';
import { useSessionUser } from '@/lib/session-user';

const formSchema = changePasswordSchema
  .and(z.object({ confirmPassword: z.string() }))
  .refine((values) => values.newPassword === values.confirmPassword, {
    message: 'The passwords do not match',
    path: ['confirmPassword'],
  });

export function ChangePasswordForm() {
  const user = useSessionUser();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: schemaResolver(formSchema, { sync: true }),
  });

  const submit = form.onSubmit(async ({ confirmPassword: _, ...values }) => {
    const result = await submitForm(form, () =>
      api<{ endedSessions: number }>('POST', '/api/account/password', values),
    );
    if (!result) return;
    form.reset();
    const { endedSessions } = result;
    notifySuccess(
      endedSessions > 0
        ? `Password changed. ${endedSessions} other session${endedSessions === 1 ? ' was' : 's were'} signed out.`
        : 'Password changed.',
    );
  });

  return (
    <Paper withBorder p="xl" maw={520}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Title order={2} size="h4">
              Change password
            </Title>
            <Text size="sm" c="dimmed">
              Signed in as {user.email}. Changing your password signs you out on every other device.
            </Text>
          </Stack>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={`At least ${minPasswordLength} characters`}
            autoComplete="new-password"
            required
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            required
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
