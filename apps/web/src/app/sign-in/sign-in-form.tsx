'use client';

import { signInSchema } from '@connect/core';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormError } from '@/components/form-error';
import { api } from '@/lib/api-client';
import { submitForm } from '@/lib/submit-form';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(signInSchema, { sync: true }),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const done = await submitForm(form, () => api('POST', '/api/auth/sign-in', values), setError);
    if (done) {
      router.replace(next);
      router.refresh();
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={error} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting} fullWidth mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
