'use client';

import type { Definition, LlmSettingsView } from '@connect/core';
import { currentTimeZoneName } from '@connect/core';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconSparkles } from '@tabler/icons-react';
import Link from 'next/link';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Elapsed } from '@/components/data-explorer/elapsed';
import { requestJson } from '@/components/data-explorer/request-json';
import { api, ApiError } from '@/lib/api-client';

/** What a successful prompt gives the screen that hosts the prompt box. */
export interface MagicQueryResult {
  /** A checked filter (show it in the visual builder) or a raw query (show it in the editor). */
  definition: Definition;
  /** Where it runs (for a SQL query, the table whose rows it selects). */
  source: { ref: { schema?: string; name: string }; id: string } | null;
  explanation: string;
  /** 2 when the model's first answer failed the checks and the repair round fixed it. */
  attempts: number;
}

type State =
  | { status: 'idle' }
  | { status: 'running'; startedAt: number }
  | { status: 'done'; result: MagicQueryResult }
  | { status: 'error'; message: string; settingsLink: boolean }
  | { status: 'cancelled' };

const settingsPath = '/settings/magic-query';

/**
 * The Magic Query prompt box: a request in plain English, "Generate Query", then the
 * host shows the checked filter or query (editable) and runs it. Cancellable while
 * the model thinks. Without a configured model it says so, with the way to Settings.
 */
export function MagicQueryPrompt({
  connectionId,
  source,
  onGenerated,
}: {
  connectionId: string;
  /** The table or collection on screen; null or absent asks about the whole database. */
  source?: { schema?: string; name: string } | null;
  onGenerated: (result: MagicQueryResult) => void;
}) {
  const [prompt, setPrompt] = useState('');
  const [state, setState] = useState<State>({ status: 'idle' });
  const [configured, setConfigured] = useState<boolean | null>(null);
  const controller = useRef<AbortController | null>(null);
  const onGeneratedRef = useRef(onGenerated);
  onGeneratedRef.current = onGenerated;

  useEffect(() => {
    let live = true;
    api<LlmSettingsView>('GET', '/api/settings/llm')
      .then((view) => live && setConfigured(view.configured))
      // If the status cannot be read, let the prompt box try: the server explains any problem.
      .catch(() => live && setConfigured(true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => () => controller.current?.abort(), []);

  const generate = async () => {
    const text = prompt.trim();
    if (text === '' || state.status === 'running') return;
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setState({ status: 'running', startedAt: Date.now() });
    try {
      const result = await requestJson<MagicQueryResult>(
        'POST',
        '/api/magic-query',
        {
          connectionId,
          ...(source ? { source } : {}),
          prompt: text,
          timeZone: currentTimeZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone),
        },
        mine.signal,
      );
      if (controller.current !== mine) return;
      setState({ status: 'done', result });
      onGeneratedRef.current(result);
    } catch (error) {
      if (controller.current !== mine) return;
      if (mine.signal.aborted) return setState({ status: 'cancelled' });
      const message = error instanceof Error ? error.message : 'Magic Query failed. Try again.';
      setState({
        status: 'error',
        message,
        settingsLink: error instanceof ApiError && error.status === 503 && /Settings/.test(message),
      });
    }
  };

  if (configured === false)
    return (
      <Frame testId="magic-query-unconfigured">
        <Text size="sm" c="dimmed">
          Write what you want in plain English and get filters or a query, once an owner sets up an AI model
          under{' '}
          <Anchor component={Link} href={settingsPath}>
            Settings → Magic Query
          </Anchor>
          .
        </Text>
      </Frame>
    );

  const running = state.status === 'running';
  return (
    <Frame testId="magic-query">
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Textarea
          aria-label="Magic Query prompt"
          placeholder={
            source
              ? 'Describe who you want in plain English, e.g. pro users over 40 who signed up in the last 30 days'
              : 'Describe who you want in plain English; the likely table is picked for you'
          }
          leftSection={<IconSparkles size={16} />}
          autosize
          minRows={1}
          maxRows={5}
          maxLength={2000}
          style={{ flex: 1 }}
          value={prompt}
          disabled={running}
          onChange={(event) => setPrompt(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              void generate();
            }
          }}
        />
        {running ? (
          <Button variant="light" color="red" onClick={() => controller.current?.abort()}>
            Cancel
          </Button>
        ) : (
          <Button leftSection={<IconSparkles size={16} />} onClick={generate} disabled={prompt.trim() === ''}>
            Generate Query
          </Button>
        )}
      </Group>
      {state.status === 'running' && (
        <Group gap="xs" data-testid="magic-query-progress">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Asking the AI model… <Elapsed startedAt={state.startedAt} />
          </Text>
        </Group>
      )}
      {state.status === 'done' && (
        <Text size="sm" c="dimmed" data-testid="magic-query-explanation">
          {state.result.explanation || 'Generated.'}
          {state.result.attempts > 1 && ' (The first answer failed the checks; the model corrected it.)'} Edit
          the {state.result.definition.type === 'filter' ? 'filters' : 'query'} below and run again, or change
          the request.
        </Text>
      )}
      {state.status === 'cancelled' && (
        <Text size="sm" c="dimmed">
          Cancelled. Nothing was changed.
        </Text>
      )}
      {state.status === 'error' && (
        <Alert
          color="red"
          icon={<IconAlertCircle size={16} />}
          title="Magic Query could not answer"
          role="alert"
        >
          {state.message}
          {state.settingsLink && (
            <>
              {' '}
              <Anchor component={Link} href={settingsPath}>
                Open Settings → Magic Query
              </Anchor>
            </>
          )}
        </Alert>
      )}
    </Frame>
  );
}

/** The box around the prompt, named as the product names it. */
function Frame({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack gap={6}>
        <Group gap="xs">
          <IconSparkles size={16} color="var(--mantine-color-violet-6)" />
          <Text fw={600} size="sm">
            Magic Query Generator
          </Text>
          <Badge size="xs" variant="light" color="violet">
            Beta
          </Badge>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
