'use client';

import type { CredentialReport } from '@connect/core';
import { ActionIcon, Alert, Box, Code, CopyButton, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * On a connection's page when its database user may do more than read: why, and the
 * SQL (or mongosh commands) that creates a read-only user instead, ready to copy.
 * Connect works either way; this is advice, not a refusal.
 */
export function CredentialAlert({ report }: { report: CredentialReport | null }) {
  if (!report || report.warnings.length === 0) return null;
  const unknownOnly = report.warnings.every((warning) => warning.code === 'unknown');
  const { advice } = report;
  return (
    <Alert
      color={unknownOnly ? 'gray' : 'orange'}
      icon={<IconAlertTriangle size={18} />}
      title={
        unknownOnly
          ? 'Connect could not check what this database user may do'
          : 'This database user can do more than read'
      }
      data-testid="credential-alert"
    >
      <Stack gap="sm">
        {report.warnings.length === 1 ? (
          <Text size="sm">{report.warnings[0]!.message}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {report.warnings.map((warning) => (
              <List.Item key={`${warning.code}:${warning.message}`}>{warning.message}</List.Item>
            ))}
          </List>
        )}
        <Text size="sm">
          Connect only ever reads, and works with this user as it is. A user that may only read keeps a leaked
          password or a mistake from reaching further.
        </Text>
        {advice && (
          <>
            <Text size="sm" fw={600}>
              {advice.intro}
            </Text>
            <Box pos="relative">
              <Code block fz="xs" pr={44} data-testid="read-only-user-script">
                {advice.script}
              </Code>
              <CopyButton value={advice.script} timeout={2000}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow position="left">
                    <ActionIcon
                      variant="subtle"
                      color={copied ? 'teal' : 'gray'}
                      onClick={copy}
                      pos="absolute"
                      top={6}
                      right={6}
                      aria-label={
                        advice.language === 'mongosh' ? 'Copy the mongosh commands' : 'Copy the SQL'
                      }
                    >
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Box>
            <Text size="sm">{advice.then}</Text>
          </>
        )}
      </Stack>
    </Alert>
  );
}
