import { can, fynoDefaultsFromEnv } from '@connect/core';
import type { Metadata } from 'next';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { FynoSettingsForm } from './fyno-settings-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function FynoSettingsPage() {
  const session = await requirePageSession();
  const { store, env } = services();
  const settings = await store.settings.fynoView(session.workspaceId, fynoDefaultsFromEnv(env));
  return <FynoSettingsForm initial={settings} canEdit={can(session.user.role, 'manageSettings')} />;
}
