'use client';

import type { FieldDescriptor, SourceRef } from '@connect/connectors';
import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { RuleGroupType } from 'react-querybuilder';
import { useCan } from '@/lib/session-user';
import { filterAsQuery } from './filter-as-query';
import { filterFields } from './filter-fields';

/** "View as query": the filter in the source's query language, read-only, with a way into the Query editor. */
export function ViewAsQuery({
  query,
  kind,
  source,
  fields,
  onClose,
  onEdit,
}: {
  query: RuleGroupType;
  kind: string;
  source: SourceRef;
  fields: readonly FieldDescriptor[];
  onClose: () => void;
  onEdit: (text: string) => void;
}) {
  const canQuery = useCan('runRawQueries');
  const text = useMemo(
    () => filterAsQuery(query, kind, source, filterFields(fields)),
    [query, kind, source, fields],
  );

  return (
    <Modal opened onClose={onClose} title="The filter as a query" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          For reading. Connect compiles the filter itself and sends every value as a bound parameter; the
          values are shown inline here.
        </Text>
        <Code block data-testid="filter-as-query" style={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </Code>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          {canQuery && <Button onClick={() => onEdit(text)}>Edit in Query</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
