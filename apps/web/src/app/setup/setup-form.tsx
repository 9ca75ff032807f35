'use client';

import { minPasswordLength, setupOwnerSchema } from '@connect/core';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { FormError } from '@/components/form-error';
import { api } from '@/lib/api-client';
import { submitForm } from '@/lib/submit-form';

const formSchema = setupOwnerSchema
  .extend({ confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, {
    message: 'The passwords do not match',
    path: ['confirmPassword'],
  });

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', email: '', password: '', confirmPassword: '' },
    validate: schemaResolver(formSchema, { sync: true }),
  });

  const submit = form.onSubmit(async ({ confirmPassword: _, ...owner }) => {
    setError(null);
    const done = await submitForm(form, () => api('POST', '/api/setup', owner), setError);
    if (done) {
      router.replace('/databases');
      router.refresh();
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={error} />
        <TextInput
          label="Your name"
          autoComplete="name"
          autoFocus
          required
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          description={`At least ${minPasswordLength} characters`}
          autoComplete="new-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label="Confirm password"
          autoComplete="new-password"
          required
          key={form.key('confirmPassword')}
          {...form.getInputProps('confirmPassword')}
        />
        <Button type="submit" loading={form.submitting} fullWidth mt="xs">
          Create owner account
        </Button>
      </Stack>
    </form>
  );
}
