'use client';

import type { FormField } from '@connect/connectors';
import {
  Accordion,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { KindSummary } from '@connect/cohorts';
import { DatabaseKindIcon } from '@/components/database-kind-icon';
import { FormError } from '@/components/form-error';
import { api } from '@/lib/api-client';
import { submitForm } from '@/lib/submit-form';
import type { ConnectionRow } from './connection-row';

type Values = Record<string, string | number>;

/** Less common settings (time limits, certificates) start folded away. */
const isAdvanced = (field: FormField) =>
  !field.required && !field.secret && (field.input === 'number' || field.input === 'textarea');

const blank = (value: unknown) => value === undefined || value === null || value === '';

function initialValues(kind: KindSummary, editing: ConnectionRow | null): Values {
  const values: Values = { name: editing?.name ?? '' };
  for (const field of kind.form) {
    const stored = editing?.config[field.name];
    const value = field.secret ? '' : (stored ?? field.defaultValue ?? '');
    values[field.name] = typeof value === 'number' ? value : String(value);
  }
  return values;
}

/**
 * "Add Database" (or edit): a name and the kind's own fields, generated from the
 * connector's config schema. Submitting tests the connection; it is saved only if
 * the test passes, and a failure shows the database's message here, keeping what
 * was typed. Secret fields are never shown again: blank means "keep the stored one".
 */
export function ConnectionFormModal({
  kind,
  editing,
  onClose,
  onSaved,
}: {
  kind: KindSummary;
  editing: ConnectionRow | null;
  onClose: () => void;
  onSaved: (connection: ConnectionRow) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState<string | null>(null);
  const form = useForm<Values>({ mode: 'uncontrolled', initialValues: initialValues(kind, editing) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const config = Object.fromEntries(
      kind.form
        .filter((field) => !blank(values[field.name]))
        .map((field) => [field.name, values[field.name]]),
    );
    const body = { name: String(values.name ?? '').trim(), config };
    const saved = await submitForm(
      {
        setErrors: (errors) => {
          form.setErrors(errors);
          if (kind.form.some((field) => isAdvanced(field) && errors[field.name])) setAdvancedOpen('advanced');
        },
      },
      () =>
        editing
          ? api<{ connection: ConnectionRow }>('PUT', `/api/connections/${editing.id}`, body)
          : api<{ connection: ConnectionRow }>('POST', '/api/connections', { ...body, kind: kind.kind }),
      setError,
    );
    if (saved) onSaved(saved.connection);
  });

  const renderField = (field: FormField) => {
    const storedSecret = editing && field.secret && editing.secretFieldsSet.includes(field.name);
    const common = {
      label: field.label,
      description: storedSecret
        ? 'A value is stored and never shown. Leave blank to keep it, or type a new one.'
        : field.help,
      placeholder: storedSecret ? '•••••••• (unchanged)' : field.placeholder,
      required: field.required,
      key: form.key(field.name),
      ...form.getInputProps(field.name),
    };
    switch (field.input) {
      case 'password':
        return <PasswordInput {...common} autoComplete="new-password" />;
      case 'textarea':
        return (
          <Textarea
            {...common}
            autosize
            minRows={3}
            maxRows={10}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
        );
      case 'number':
        return <NumberInput {...common} allowDecimal={false} min={0} />;
      default:
        return <TextInput {...common} autoComplete="off" spellCheck={false} />;
    }
  };

  const main = kind.form.filter((field) => !isAdvanced(field));
  const advanced = kind.form.filter(isAdvanced);

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Group gap="sm">
          <DatabaseKindIcon kind={kind.kind} size={28} />
          <Text fw={600}>{editing ? `Edit ${editing.name}` : `Add a ${kind.label} database`}</Text>
        </Group>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            description="How this database is called in Connect, e.g. Production users."
            required
            data-autofocus
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          {main.map((field) => (
            <div key={field.name}>{renderField(field)}</div>
          ))}
          {advanced.length > 0 && (
            <Accordion variant="contained" value={advancedOpen} onChange={setAdvancedOpen}>
              <Accordion.Item value="advanced">
                <Accordion.Control>More settings</Accordion.Control>
                <Accordion.Panel>
                  <Stack>
                    {advanced.map((field) => (
                      <div key={field.name}>{renderField(field)}</div>
                    ))}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          )}
          <FormError message={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed" maw={320}>
              Connect tests the connection first and saves it only if it works. It only ever reads.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting}>
                {editing ? 'Save' : 'Add Database'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
