'use client';

import { type LlmSettingsView, llmSettingsUpdateSchema, type SettingSource } from '@connect/core';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { notifySuccess, submitForm } from '@/lib/submit-form';

const sourceLabels: Record<SettingSource, string | null> = {
  settings: null,
  env: 'from .env',
  default: 'default',
  unset: 'not set',
};

function SourceBadge({ source }: { source: SettingSource }) {
  const label = sourceLabels[source];
  return label ? (
    <Badge size="xs" variant="light" color={source === 'unset' ? 'orange' : 'gray'}>
      {label}
    </Badge>
  ) : null;
}

interface TestResult {
  model: string;
  latencyMs: number;
  structuredOutputs: boolean;
}

type TestState = { status: 'ok'; result: TestResult } | { status: 'failed'; message: string } | null;

/**
 * Settings → Magic Query: the OpenAI-compatible model that turns prompts into
 * queries. Owners edit; everyone else sees what is set (never the key).
 */
export function LlmSettingsForm({ initial, canEdit }: { initial: LlmSettingsView; canEdit: boolean }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestState>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      baseUrl: initial.baseUrlSource === 'settings' ? (initial.baseUrl ?? '') : '',
      model: initial.modelSource === 'settings' ? (initial.model ?? '') : '',
      apiKey: '',
      sendSampleValues: initial.sendSampleValues,
    },
    validate: schemaResolver(llmSettingsUpdateSchema, { sync: true }),
  });

  const submit = form.onSubmit(async (values) => {
    const updated = await submitForm(form, () => api<LlmSettingsView>('PUT', '/api/settings/llm', values));
    if (!updated) return;
    setView(updated);
    form.setFieldValue('apiKey', '');
    notifySuccess('Magic Query settings saved.');
    router.refresh();
  });

  const runTest = async () => {
    if (form.validate().hasErrors) return;
    setTesting(true);
    setTest(null);
    const result = await submitForm(
      form,
      () => api<TestResult>('POST', '/api/settings/llm/test', form.getValues()),
      (message) => setTest({ status: 'failed', message }),
    );
    if (result) setTest({ status: 'ok', result });
    setTesting(false);
  };

  return (
    <Paper withBorder p="xl" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Title order={2} size="h4">
              Magic Query
            </Title>
            <Text size="sm" c="dimmed">
              Magic Query turns a request in plain English into filters or a query. It uses any server that
              speaks the OpenAI chat completions API: a hosted model, or one your company runs itself (vLLM,
              llama.cpp, Ollama, LM Studio), so no customer data has to leave the company. The model sees the
              names and types of your fields, never your rows unless you allow sample values below. Fields
              left empty use the values from .env.
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
                Base URL <SourceBadge source={view.baseUrlSource} />
              </Group>
            }
            description="The API base, usually ending in /v1."
            placeholder={view.baseUrl ?? 'https://api.openai.com/v1 or http://10.0.0.5:8000/v1'}
            disabled={!canEdit}
            key={form.key('baseUrl')}
            {...form.getInputProps('baseUrl')}
          />
          <TextInput
            label={
              <Group gap={6} component="span">
                Model <SourceBadge source={view.modelSource} />
              </Group>
            }
            placeholder={view.model ?? 'gpt-4.1-mini, qwen2.5-coder:14b, ...'}
            disabled={!canEdit}
            key={form.key('model')}
            {...form.getInputProps('model')}
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
                : 'Leave empty if the model server needs no key.'
            }
            placeholder={view.apiKeySet ? '••••••••••••••••' : 'Paste the API key'}
            autoComplete="off"
            disabled={!canEdit}
            key={form.key('apiKey')}
            {...form.getInputProps('apiKey')}
          />
          <Switch
            label="Send sample values with prompts"
            description="Adds a few values of each text field (for example names, emails, sources) so the model spells values as your data does. Off by default: these may be personal data, and they leave the company if the model is hosted elsewhere."
            disabled={!canEdit}
            key={form.key('sendSampleValues')}
            {...form.getInputProps('sendSampleValues', { type: 'checkbox' })}
          />
          {test?.status === 'ok' && (
            <Alert icon={<IconCircleCheck size={18} />} color="green" title="The model answered">
              {test.result.model} answered in {test.result.latencyMs} ms.{' '}
              {test.result.structuredOutputs
                ? 'It supports structured JSON output.'
                : 'It does not support structured JSON output; Connect asks for JSON in text instead, which works less reliably.'}
            </Alert>
          )}
          {test?.status === 'failed' && (
            <Alert icon={<IconAlertTriangle size={18} />} color="red" title="The test failed">
              {test.message}
            </Alert>
          )}
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" onClick={runTest} loading={testing}>
                Test
              </Button>
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
