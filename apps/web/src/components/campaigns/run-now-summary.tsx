'use client';

import type { RunNowPreview } from '@connect/campaigns';
import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Json } from './views';
import { formatInZone } from './format';

/** How many people "about N" is, as the confirmation says it. */
export function runNowAudience(preview: Json<RunNowPreview>): string {
  if (!preview.cohortSize) return 'everyone in the cohort';
  const count = preview.cohortSize.count.toLocaleString('en');
  return preview.cohortSize.exact ? `${count} people` : `about ${count} people`;
}

/** What the Run now confirmation tells before anything is sent. */
export function RunNowSummary({ preview, cohortName }: { preview: Json<RunNowPreview>; cohortName: string }) {
  return (
    <Stack gap="sm">
      <List size="sm" spacing={4}>
        <List.Item>
          {preview.cohortSize ? (
            <>
              The cohort <b>{cohortName}</b> holds {runNowAudience(preview)} now
              {preview.cohortSize.exact ? '' : ' (the database’s estimate)'}; everyone with a valid address
              gets the notification once.
            </>
          ) : (
            <>
              The cohort <b>{cohortName}</b> could not be counted ({preview.cohortError}); the run sends to
              everyone in it.
            </>
          )}
        </List.Item>
        <List.Item>
          {preview.lastSend ? (
            <>
              This campaign already sent to <b>{preview.lastSend.sent.toLocaleString('en')}</b>{' '}
              {preview.lastSend.sent === 1 ? 'person' : 'people'} on {formatInZone(preview.lastSend.at)}; they
              get it again.
            </>
          ) : (
            'This campaign has not sent to anyone yet.'
          )}
        </List.Item>
      </List>
      {preview.lastSend && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />}>
          <Text size="sm">Sending again cannot be undone.</Text>
        </Alert>
      )}
    </Stack>
  );
}
