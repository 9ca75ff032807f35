'use client';

import { Button, Group, Input, Pill, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';

const slotPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The times of day a schedule runs at ("1 PM, 4 PM"): a time field and "Add time",
 * with the chosen times as removable pills. Enter in the field adds the time too.
 */
export function TimeSlotsInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (times: string[]) => void;
  error?: ReactNode;
}) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  function add() {
    const time = draft.slice(0, 5);
    if (!slotPattern.test(time)) {
      setProblem('Enter a time such as 13:00');
      return;
    }
    setProblem(null);
    onChange([...new Set([...value, time])].sort());
    setDraft('');
  }

  return (
    <Input.Wrapper
      label="Times of day"
      description="Each run starts at these times, in the schedule's time zone."
      error={problem ?? error}
      required
      id={id}
    >
      <Group gap="xs" mt={6} mb={value.length > 0 ? 6 : 0} data-testid="time-slots">
        {value.map((time) => (
          <Pill
            key={time}
            withRemoveButton
            size="md"
            onRemove={() => onChange(value.filter((t) => t !== time))}
            // Mantine hides a pill's remove button from keyboards and screen readers;
            // here it is the only way to remove a time, so it must reach both.
            removeButtonProps={{ 'aria-label': `Remove ${time}`, 'aria-hidden': false, tabIndex: 0 }}
          >
            {time}
          </Pill>
        ))}
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No times yet.
          </Text>
        )}
      </Group>
      <Group gap="xs" align="flex-start">
        <TimeInput
          id={id}
          aria-label="Time to add"
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          w={140}
        />
        <Button variant="light" leftSection={<IconPlus size={14} />} onClick={add}>
          Add time
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
