'use client';

import { describeScheduleWhen, upcomingRuns, weekdayNames } from '@connect/core';
import {
  Alert,
  Chip,
  Group,
  Input,
  List,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { TimeInput } from '@mantine/dates';
import { IconCalendarRepeat, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { browserTimeZone, formatInZone } from './format';
import { TimeSlotsInput } from './time-slots-input';
import { TimeZoneSelect } from './time-zone-select';
import { RunNote } from './run-note';
import { parsedSchedule, type WizardValues } from './wizard-values';

const frequencies = [
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
  { value: 'day', label: 'Day' },
  { value: 'hour', label: 'Hour' },
];

// Monday first, as calendars are read; the values stay cron's (0 = Sunday).
const weekdayOrder = [1, 2, 3, 4, 5, 6, 0];

/** "One time" (now, or at a date and time) or "Recurring", with the next five run times as you edit. */
export function ScheduleEditor({ form }: { form: UseFormReturnType<WizardValues> }) {
  const values = form.getValues();
  return (
    <Stack gap="md">
      <Input.Wrapper label="When">
        <SegmentedControl
          mt={6}
          display="flex"
          w="fit-content"
          data={[
            { value: 'once', label: 'One time' },
            { value: 'recurring', label: 'Recurring' },
          ]}
          {...form.getInputProps('when')}
        />
      </Input.Wrapper>
      {values.when === 'once' ? <OneTimeFields form={form} /> : <RecurringFields form={form} />}
      {(values.when === 'recurring' || values.onceMode === 'later') && (
        <TimeZoneSelect
          maw={360}
          description={`Your browser is in ${browserTimeZone()}.`}
          {...form.getInputProps('timeZone')}
        />
      )}
      <NextRuns values={values} />
    </Stack>
  );
}

function OneTimeFields({ form }: { form: UseFormReturnType<WizardValues> }) {
  const values = form.getValues();
  return (
    <Stack gap="sm">
      <Radio.Group label="Send" {...form.getInputProps('onceMode')}>
        <Group mt={6}>
          <Radio value="now" label="Now, once the test event is accepted" />
          <Radio value="later" label="At a date and time" />
        </Group>
      </Radio.Group>
      {values.onceMode === 'later' && (
        <Group align="flex-start">
          <TextInput type="date" label="Date" required w={180} {...form.getInputProps('once.date')} />
          <TimeInput label="Time" required w={140} {...form.getInputProps('once.time')} />
        </Group>
      )}
    </Stack>
  );
}

function RecurringFields({ form }: { form: UseFormReturnType<WizardValues> }) {
  const r = form.getValues().recurring;
  const minuteInput = (
    <NumberInput
      label="Minute past the hour"
      min={0}
      max={59}
      clampBehavior="strict"
      allowDecimal={false}
      w={200}
      {...form.getInputProps('recurring.minute')}
    />
  );
  const times = (
    <TimeSlotsInput
      value={r.times}
      onChange={(next) => form.setFieldValue('recurring.times', next)}
      error={form.errors['recurring.times']}
    />
  );
  return (
    <Stack gap="sm">
      <Input.Wrapper label="Frequency">
        <SegmentedControl
          mt={6}
          display="flex"
          w="fit-content"
          data={frequencies}
          aria-label="Frequency"
          {...form.getInputProps('recurring.frequency')}
        />
      </Input.Wrapper>

      {r.frequency === 'hour' && minuteInput}

      {r.frequency === 'day' && (
        <>
          <Radio.Group
            label="Runs"
            value={r.everyHour ? 'hourly' : 'times'}
            onChange={(value) => form.setFieldValue('recurring.everyHour', value === 'hourly')}
          >
            <Group mt={6}>
              <Radio value="hourly" label="Every hour" />
              <Radio value="times" label="At chosen times" />
            </Group>
          </Radio.Group>
          {r.everyHour ? minuteInput : times}
        </>
      )}

      {r.frequency === 'week' && (
        <>
          <Radio.Group
            label="Days"
            value={r.everyWeekday ? 'every' : 'chosen'}
            onChange={(value) => form.setFieldValue('recurring.everyWeekday', value === 'every')}
          >
            <Group mt={6}>
              <Radio value="every" label="Every day of the week" />
              <Radio value="chosen" label="Chosen days" />
            </Group>
          </Radio.Group>
          {!r.everyWeekday && (
            <Input.Wrapper error={form.errors['recurring.weekdays']}>
              <Chip.Group
                multiple
                value={r.weekdays.map(String)}
                onChange={(days) => form.setFieldValue('recurring.weekdays', days.map(Number).sort())}
              >
                <Group gap="xs">
                  {weekdayOrder.map((day) => (
                    <Chip key={day} value={String(day)}>
                      {weekdayNames[day]}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Input.Wrapper>
          )}
          {times}
        </>
      )}

      {r.frequency === 'month' && (
        <>
          <Input.Wrapper
            label="Days of the month"
            required
            error={form.errors['recurring.monthDays']}
            description="A day a month does not have is skipped that month: the 31st runs only in months with 31 days, the 30th never in February, the 29th in February of leap years only. Choose “Last day” to run on the last day of every month."
          >
            <Chip.Group
              multiple
              value={r.monthDays.map(String)}
              onChange={(days) =>
                form.setFieldValue(
                  'recurring.monthDays',
                  days
                    .map((day) => (day === 'last' ? ('last' as const) : Number(day)))
                    .sort((a, b) => (a === 'last' ? 1 : b === 'last' ? -1 : a - b)),
                )
              }
            >
              <SimpleGrid cols={{ base: 5, xs: 8 }} spacing={6} mt={8} maw={520}>
                {Array.from({ length: 31 }, (_, index) => (
                  <Chip key={index + 1} value={String(index + 1)} size="xs">
                    {index + 1}
                  </Chip>
                ))}
                <Chip value="last" size="xs">
                  Last day
                </Chip>
              </SimpleGrid>
            </Chip.Group>
          </Input.Wrapper>
          {times}
        </>
      )}

      <Group align="flex-start" gap="xl">
        <TextInput
          type="date"
          label="Start date"
          description="No run happens before this day."
          required
          w={200}
          {...form.getInputProps('recurring.startDate')}
        />
        <Stack gap={6}>
          <Radio.Group label="When the campaign ends" {...form.getInputProps('recurring.ends')}>
            <Group mt={6}>
              <Radio value="never" label="Never" />
              <Radio value="after" label="After a number of runs" />
            </Group>
          </Radio.Group>
          {r.ends === 'after' && (
            <NumberInput
              aria-label="Number of runs"
              suffix=" runs"
              min={1}
              max={10_000}
              allowDecimal={false}
              w={160}
              {...form.getInputProps('recurring.endAfterRuns')}
            />
          )}
        </Stack>
      </Group>
    </Stack>
  );
}

/** The schedule in words and its next five run times, recomputed as the form changes. */
function NextRuns({ values }: { values: WizardValues }) {
  // Computed after mount: the server cannot know the browser's clock or zone.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const schedule = parsedSchedule(values);
  if (schedule === null) {
    return (
      <Alert variant="light" color="indigo" icon={<IconInfoCircle size={18} />}>
        The campaign is sent once, as soon as it is created.
      </Alert>
    );
  }
  if (schedule === undefined || !now) {
    return (
      <Text size="sm" c="dimmed">
        Complete the schedule to see its next run times.
      </Text>
    );
  }
  const runs = upcomingRuns(schedule, { from: now, count: 5 });
  const browserZone = browserTimeZone();
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" data-testid="next-runs">
      <Group gap={8} mb={6}>
        <IconCalendarRepeat size={18} />
        <Text fw={600} size="sm">
          {describeScheduleWhen(schedule)}
        </Text>
      </Group>
      {runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          No run is left to happen: choose a later time.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb={4}>
            {runs.length === 1 ? 'Runs at' : `Next ${runs.length} runs`} ({schedule.timeZone}
            {browserZone !== schedule.timeZone ? `; your time in brackets` : ''}):
          </Text>
          <List size="sm" spacing={2}>
            {runs.map((run) => (
              <List.Item key={run.at.toISOString()}>
                {formatInZone(run.at, schedule.timeZone)}
                {browserZone !== schedule.timeZone && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    ({formatInZone(run.at, browserZone)})
                  </Text>
                )}
                {run.note && <RunNote note={run.note} />}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}
