'use client';

import type { PhoneCountry, PhoneSettingsView } from '@connect/core';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { notifySuccess } from '@/lib/submit-form';
import { FormError } from '@/components/form-error';
import { phoneCountryLabel, usePhoneCountryOptions } from '@/components/phone-country-options';

/**
 * Settings → Phone numbers: the country Connect assumes for numbers stored without
 * a country code (such as 9876500001). Owners edit; everyone else sees it.
 */
export function PhoneSettingsForm({
  initial,
  envCountry,
  canEdit,
}: {
  initial: PhoneSettingsView;
  envCountry: PhoneCountry | null;
  canEdit: boolean;
}) {
  const router = useRouter();
  const options = usePhoneCountryOptions();
  const [view, setView] = useState(initial);
  const [country, setCountry] = useState<string | null>(
    initial.defaultCountrySource === 'settings' ? initial.defaultCountry : null,
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const updated = await api<PhoneSettingsView>('PUT', '/api/settings/phone', {
        defaultCountry: country ?? '',
      });
      setView(updated);
      notifySuccess('Phone number settings saved.');
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Saving failed.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="xl" maw={720}>
      <Stack>
        <Stack gap={4}>
          <Title order={2} size="h4">
            Phone numbers
          </Title>
          <Text size="sm" c="dimmed">
            Many databases store phone numbers without a country code, such as 9876500001. Connect reads those
            numbers in the default country below; without one, they are left out of runs as having no country
            code. A campaign can choose its own country in its To step.
          </Text>
        </Stack>
        {!canEdit && (
          <Alert icon={<IconInfoCircle size={18} />} color="gray">
            Only a workspace owner can change these settings.
          </Alert>
        )}
        <Select
          label={
            <Group gap={6} component="span">
              Default country{' '}
              {view.defaultCountrySource === 'env' && (
                <Badge size="xs" variant="light" color="gray">
                  from .env
                </Badge>
              )}
              {view.defaultCountrySource === 'unset' && (
                <Badge size="xs" variant="light" color="orange">
                  not set
                </Badge>
              )}
            </Group>
          }
          description={
            envCountry
              ? `Leave empty to use DEFAULT_PHONE_COUNTRY from .env: ${phoneCountryLabel(envCountry)}.`
              : 'Leave empty to leave numbers without a country code out (or set DEFAULT_PHONE_COUNTRY in .env).'
          }
          placeholder={view.defaultCountry ? phoneCountryLabel(view.defaultCountry) : 'No default country'}
          data={options}
          value={country}
          onChange={setCountry}
          searchable
          clearable
          disabled={!canEdit}
          nothingFoundMessage="No such country"
        />
        <Text size="sm">
          In force now:{' '}
          <strong>
            {view.defaultCountry ? phoneCountryLabel(view.defaultCountry) : 'no default country'}
          </strong>
        </Text>
        {error && <FormError message={error} />}
        {canEdit && (
          <Group justify="flex-end">
            <Button onClick={save} loading={saving}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
