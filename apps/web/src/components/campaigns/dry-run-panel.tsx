'use client';

import type { CampaignMapping } from '@connect/core';
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api-client';
import { phoneCountryLabel } from '@/components/phone-country-options';
import { formatCount } from './format';
import type { DryRunView } from './wizard-types';

/**
 * "Would send N, M invalid, K duplicates": the whole cohort read the way a run
 * reads it, counted without sending. Starts by itself; a reply to an earlier
 * count (the mapping changed meanwhile) is ignored.
 */
export function DryRunPanel({ cohortId, mapping }: { cohortId: string; mapping: CampaignMapping }) {
  const [result, setResult] = useState<DryRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const body = JSON.stringify({ cohortId, mapping });

  const run = useCallback(async () => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setRunning(true);
    setError(null);
    try {
      const reply = await api<DryRunView>('POST', '/api/campaigns/drafts/dry-run', JSON.parse(body));
      if (!own.signal.aborted) setResult(reply);
    } catch (failure) {
      if (!own.signal.aborted) setError(failure instanceof Error ? failure.message : 'The dry run failed.');
    } finally {
      if (!own.signal.aborted) setRunning(false);
    }
  }, [body]);

  useEffect(() => {
    void run();
    return () => controller.current?.abort();
  }, [run]);

  return (
    <Paper withBorder p="md" data-testid="dry-run">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Text fw={600}>Dry run</Text>
          <Text size="xs" c="dimmed">
            The whole cohort, read and mapped as a run would, without sending anything.
          </Text>
        </Stack>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconRefresh size={14} />}
          onClick={() => void run()}
          disabled={running}
        >
          Count again
        </Button>
      </Group>
      {running && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Reading the cohort…
          </Text>
        </Group>
      )}
      {error && !running && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
          {error}
        </Alert>
      )}
      {result && !running && (
        <Stack gap="xs">
          <Text size="sm" data-testid="dry-run-summary">
            Would send <b>{formatCount(result.wouldSend)}</b>, {formatCount(result.invalid)} invalid,{' '}
            {formatCount(result.duplicates)} {result.duplicates === 1 ? 'duplicate' : 'duplicates'} (of{' '}
            {formatCount(result.rows)} {result.rows === 1 ? 'row' : 'rows'}).
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="Rows in the cohort" value={result.rows} />
            <Figure label="Would send" value={result.wouldSend} color="green" />
            <Figure
              label="Invalid"
              value={result.invalid}
              color={result.invalid > 0 ? 'orange' : undefined}
            />
            <Figure label="Duplicates" value={result.duplicates} />
          </SimpleGrid>
          {result.madeValidByPhoneCountry > 0 && result.phoneCountry && (
            <Text size="xs" data-testid="dry-run-phone-country">
              {formatCount(result.madeValidByPhoneCountry)}{' '}
              {result.madeValidByPhoneCountry === 1 ? 'row has' : 'rows have'} a phone number without a
              country code, read as {phoneCountryLabel(result.phoneCountry)}.
            </Text>
          )}
          {Object.keys(result.invalidReasons).length > 0 && (
            // One line per reason: a reason names every channel ("no email; sms number has no country code").
            <Stack gap={0} data-testid="dry-run-reasons">
              <Text size="xs" c="dimmed">
                Left out:
              </Text>
              {Object.entries(result.invalidReasons).map(([reason, count]) => (
                <Text key={reason} size="xs" c="dimmed">
                  {formatCount(count)} × {reason}
                </Text>
              ))}
            </Stack>
          )}
          {!result.duplicatesExact && (
            <Text size="xs" c="orange">
              The cohort has more than {formatCount(result.dedupeKeyCap)} distinct recipients, more than the
              dry run remembers: duplicates beyond them were not found, so a run may send a little fewer.
            </Text>
          )}
          {result.wouldSend === 0 && (
            <Alert color="orange" variant="light">
              Nobody would receive this campaign. Check the columns under &quot;To&quot; or the cohort&apos;s
              filters.
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700} c={color}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
