import { can, phoneDefaultsFromEnv } from '@connect/core';
import type { Metadata } from 'next';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { PhoneSettingsForm } from './phone-settings-form';

export const metadata: Metadata = { title: 'Phone number settings' };

export default async function PhoneNumberSettingsPage() {
  const session = await requirePageSession();
  const { store, env } = services();
  const settings = await store.phoneSettings.view(session.workspaceId, phoneDefaultsFromEnv(env));
  return (
    <PhoneSettingsForm
      initial={settings}
      envCountry={env.DEFAULT_PHONE_COUNTRY ?? null}
      canEdit={can(session.user.role, 'manageSettings')}
    />
  );
}
