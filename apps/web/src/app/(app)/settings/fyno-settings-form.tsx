'use client';

import { type FynoSettingsView, fynoSettingsUpdateSchema, type SettingSource } from '@connect/core';
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { notifySuccess, submitForm } from '@/lib/submit-form';

const sourceLabel: Record<SettingSource, string | null> = {
  settings: null,
  env: 'from .env',
  default: 'default',
  unset: 'not set',
};

function SourceBadge({ source }: { source: SettingSource }) {
  const label = sourceLabel[source];
  return label ? (
    <Badge size="xs" variant="light" color={source === 'unset' ? 'orange' : 'gray'}>
      {label}
    </Badge>
  ) : null;
}

export function FynoSettingsForm({ initial, canEdit }: { initial: FynoSettingsView; canEdit: boolean }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      workspaceId: initial.workspaceIdSource === 'settings' ? (initial.workspaceId ?? '') : '',
      apiKey: '',
      version: initial.version,
      apiBase: initial.apiBaseSource === 'settings' ? initial.apiBase : '',
    },
    validate: schemaResolver(fynoSettingsUpdateSchema, { sync: true }),
  });

  const submit = form.onSubmit(async (values) => {
    const updated = await submitForm(form, () => api<FynoSettingsView>('PUT', '/api/settings/fyno', values));
    if (!updated) return;
    setView(updated);
    form.setFieldValue('apiKey', '');
    notifySuccess('Fyno settings saved.');
    router.refresh();
  });

  return (
    <Paper withBorder p="xl" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Title order={2} size="h4">
              Fyno Cloud
            </Title>
            <Text size="sm" c="dimmed">
              Campaigns fire notification events in this Fyno workspace. Find the workspace ID and API keys on
              the API Keys page of the Fyno dashboard. Fields left empty use the values from .env.
            </Text>
          </Stack>
          {!canEdit && (
            <Alert icon={<IconInfoCircle size={18} />} color="gray">
              Only a workspace owner can change these settings.
            </Alert>
          )}
          <TextInput
            label={
              <Group gap={6} component="span">
                Workspace ID <SourceBadge source={view.workspaceIdSource} />
              </Group>
            }
            placeholder={view.workspaceId ?? 'FY12345'}
            disabled={!canEdit}
            key={form.key('workspaceId')}
            {...form.getInputProps('workspaceId')}
          />
          <PasswordInput
            label={
              <Group gap={6} component="span">
                API key <SourceBadge source={view.apiKeySource} />
              </Group>
            }
            description={
              view.apiKeySet
                ? 'A key is set. It is never shown again; type a new one to replace it, or leave this empty to keep it.'
                : 'No key is set yet.'
            }
            placeholder={view.apiKeySet ? '••••••••••••••••' : 'Paste the API key'}
            autoComplete="off"
            disabled={!canEdit}
            key={form.key('apiKey')}
            {...form.getInputProps('apiKey')}
          />
          <Stack gap={4}>
            <Group gap={6}>
              <Text size="sm" fw={500}>
                Version
              </Text>
              <SourceBadge source={view.versionSource} />
            </Group>
            <SegmentedControl
              w={220}
              disabled={!canEdit}
              data={[
                { value: 'live', label: 'Live' },
                { value: 'test', label: 'Test' },
              ]}
              key={form.key('version')}
              {...form.getInputProps('version')}
            />
            <Text size="xs" c="dimmed">
              Test sends with the test versions of your Fyno events, templates and routes; Live with the
              promoted ones.
            </Text>
          </Stack>
          <Accordion variant="contained">
            <Accordion.Item value="advanced">
              <Accordion.Control>Advanced</Accordion.Control>
              <Accordion.Panel>
                <TextInput
                  label={
                    <Group gap={6} component="span">
                      API base URL <SourceBadge source={view.apiBaseSource} />
                    </Group>
                  }
                  description="Change only to use a Fyno sandbox or a proxy."
                  placeholder={view.apiBase}
                  disabled={!canEdit}
                  key={form.key('apiBase')}
                  {...form.getInputProps('apiBase')}
                />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                Save
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
