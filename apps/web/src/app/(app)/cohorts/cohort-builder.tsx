'use client';

import type { SourceSummary } from '@connect/connectors';
import type { Definition } from '@connect/core';
import { ActionIcon, Alert, Button, Group, Loader, Menu, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconChevronDown,
  IconDeviceFloppy,
  IconPencil,
  IconSend,
} from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { KindSummary } from '@connect/cohorts';
import { DataExplorer, type ExplorerState } from '@/components/data-explorer/data-explorer';
import { requestJson } from '@/components/data-explorer/request-json';
import { SourceSelect } from '@/components/data-explorer/source-select';
import { useCancellable } from '@/components/data-explorer/use-cancellable';
import { DatabaseKindIcon } from '@/components/database-kind-icon';
import { ApiError, api } from '@/lib/api-client';
import { useCan } from '@/lib/session-user';
import { notifyError, notifySuccess } from '@/lib/submit-form';
import { CohortSizePanel } from './cohort-size-panel';

export interface BuilderCohort {
  /** Null for a cohort not saved yet. */
  id: string | null;
  name: string;
  source: { schema?: string; name: string } | null;
  definition: Definition | null;
}

const sameRef = (source: SourceSummary, ref: { schema?: string; name: string }) =>
  source.ref.name === ref.name && (source.ref.schema ?? null) === (ref.schema ?? null);

/**
 * The cohort builder: a table or collection from the dropdown, its data, filters or
 * a query, the cohort's size and each top-level group's, then "Save Cohort" (or,
 * from its dropdown, "Save and Create Campaign").
 */
export function CohortBuilder({
  cohort,
  connection,
  kind,
  campaigns = [],
}: {
  cohort: BuilderCohort;
  connection: { id: string; name: string; kind: string };
  kind: KindSummary;
  campaigns?: { id: string; name: string }[];
}) {
  const router = useRouter();
  const canEdit = useCan('edit');
  const [name, setName] = useState(cohort.name);
  const [editingName, setEditingName] = useState(cohort.name === '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  // Undefined until the user picks one: until then, the cohort's own source.
  const [chosen, setChosen] = useState<SourceSummary | null | undefined>(undefined);
  const [explorer, setExplorer] = useState<ExplorerState | null>(null);
  const [saving, setSaving] = useState(false);
  const sources = useCancellable<SourceSummary[]>();
  const { run: loadSources } = sources;

  useEffect(() => {
    void loadSources((signal) =>
      requestJson<{ sources: SourceSummary[] }>(
        'GET',
        `/api/connections/${connection.id}/sources`,
        undefined,
        signal,
      ).then((reply) => reply.sources),
    );
  }, [connection.id, loadSources]);

  const selected = useMemo(() => {
    if (chosen !== undefined) return chosen;
    const wanted = cohort.source;
    return (wanted && sources.data?.find((source) => sameRef(source, wanted))) || null;
  }, [chosen, cohort.source, sources.data]);

  const choose = (source: SourceSummary) => {
    setSourceError(null);
    setChosen(source);
  };

  const stale = useMemo(
    () => Boolean(explorer?.applied) && JSON.stringify(explorer?.draft) !== JSON.stringify(explorer?.applied),
    [explorer],
  );

  async function save(andCreateCampaign: boolean) {
    if (!explorer) return;
    if (name.trim() === '') {
      setEditingName(true);
      setNameError('Give the cohort a name');
      return;
    }
    setSaving(true);
    setNameError(null);
    setSourceError(null);
    const body = { name: name.trim(), source: selected?.ref ?? null, definition: explorer.draft };
    try {
      const { cohort: saved } = cohort.id
        ? await api<{ cohort: { id: string; name: string } }>('PUT', `/api/cohorts/${cohort.id}`, body)
        : await api<{ cohort: { id: string; name: string } }>('POST', '/api/cohorts', {
            ...body,
            connectionId: connection.id,
          });
      notifySuccess(`${saved.name} was saved.`);
      if (andCreateCampaign) router.push(`/campaigns/new?cohortId=${saved.id}`);
      else if (!cohort.id) router.replace(`/cohorts/${saved.id}`);
      else router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError) {
        if (failure.fieldErrors.name) {
          setEditingName(true);
          setNameError(failure.fieldErrors.name);
        }
        if (failure.fieldErrors.source) setSourceError(failure.fieldErrors.source);
      }
      notifyError(failure instanceof Error ? failure.message : 'The cohort could not be saved.');
    } finally {
      setSaving(false);
    }
  }

  const loaded = sources.status.status === 'done' || sources.data !== null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Button
            component={Link}
            href="/cohorts"
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArrowLeft size={14} />}
            w="fit-content"
          >
            Cohorts
          </Button>
          {editingName && canEdit ? (
            <TextInput
              aria-label="Cohort name"
              placeholder="Name the cohort"
              value={name}
              error={nameError}
              size="md"
              w={360}
              autoFocus
              onChange={(event) => setName(event.currentTarget.value)}
              onBlur={() => name.trim() !== '' && setEditingName(false)}
              onKeyDown={(event) => event.key === 'Enter' && name.trim() !== '' && setEditingName(false)}
            />
          ) : (
            <Group gap="xs">
              <Title order={1} size="h2">
                {name}
              </Title>
              {canEdit && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label="Rename"
                  onClick={() => setEditingName(true)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              )}
            </Group>
          )}
          <Group gap="xs">
            <DatabaseKindIcon kind={connection.kind} size={22} />
            <Text size="sm" c="dimmed">
              {connection.name}
              {campaigns.length > 0 && ` · used by ${campaigns.map((campaign) => campaign.name).join(', ')}`}
            </Text>
          </Group>
        </Stack>
        {canEdit && (
          <Group gap={0} wrap="nowrap">
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              loading={saving}
              disabled={!explorer}
              onClick={() => save(false)}
              style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
            >
              Save Cohort
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  size={36}
                  variant="filled"
                  aria-label="More save options"
                  disabled={!explorer || saving}
                  style={{
                    borderTopLeftRadius: 0,
                    borderBottomLeftRadius: 0,
                    borderLeft: '1px solid rgba(255,255,255,0.4)',
                  }}
                >
                  <IconChevronDown size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconSend size={14} />} onClick={() => save(true)}>
                  Save and Create Campaign
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>

      {!canEdit && (
        <Alert color="gray">
          You can look at this cohort and its data; only editors and owners can change it.
        </Alert>
      )}

      {sources.status.status === 'error' ? (
        <Alert color="red" icon={<IconAlertCircle size={16} />} title="Could not list the tables">
          {sources.status.message}
        </Alert>
      ) : !loaded ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Listing the tables of {connection.name}…
          </Text>
        </Group>
      ) : (
        <>
          <SourceSelect
            sources={sources.data ?? []}
            value={selected?.id ?? null}
            error={sourceError}
            onChange={choose}
          />
          <DataExplorer
            connectionId={connection.id}
            kind={connection.kind}
            queryLanguage={kind.capabilities.queryLanguage}
            sources={sources.data ?? []}
            source={selected}
            onSourceChange={choose}
            initialDefinition={cohort.definition ?? undefined}
            onStateChange={setExplorer}
          >
            {(state) =>
              state.applied && (
                <CohortSizePanel
                  connectionId={connection.id}
                  source={state.source}
                  applied={state.applied}
                  count={state.count}
                  countError={state.countError}
                  stale={stale}
                />
              )
            }
          </DataExplorer>
        </>
      )}
    </Stack>
  );
}
