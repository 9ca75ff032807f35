'use client';

import type { CredentialReport } from '@connect/core';
import { Badge, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconHelpCircle } from '@tabler/icons-react';

/**
 * Beside a connection's status in the list: a warning when its database user may do
 * more than read, with the reasons on hover. Nothing when it may only read (or was
 * not checked yet).
 */
export function CredentialBadge({ report }: { report: CredentialReport | null }) {
  if (!report || report.warnings.length === 0) return null;
  const unknownOnly = report.warnings.every((warning) => warning.code === 'unknown');
  const label = (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {unknownOnly ? 'What this user may do is not known' : 'This user may do more than read'}
      </Text>
      <List size="sm" spacing={4}>
        {report.warnings.map((warning) => (
          <List.Item key={`${warning.code}:${warning.message}`}>{warning.message}</List.Item>
        ))}
      </List>
      <Text size="xs">Open the database to see how to create a read-only user.</Text>
    </Stack>
  );
  return (
    <Tooltip label={label} multiline w={380} withArrow position="bottom-start">
      <Badge
        color={unknownOnly ? 'gray' : 'orange'}
        variant="light"
        leftSection={unknownOnly ? <IconHelpCircle size={12} /> : <IconAlertTriangle size={12} />}
        data-testid="credential-badge"
        tabIndex={0}
      >
        {unknownOnly ? 'Rights unknown' : 'Not read-only'}
      </Badge>
    </Tooltip>
  );
}
