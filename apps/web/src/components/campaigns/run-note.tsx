import { Text } from '@mantine/core';

/** Why a run is not at its usual time: a daylight-saving change skips or repeats that time of day. */
export function RunNote({ note }: { note: string }) {
  return (
    <Text span c="orange.8" size="sm" data-testid="run-note">
      {' — '}
      {note}
    </Text>
  );
}
