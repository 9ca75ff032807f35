import { can, llmDefaultsFromEnv } from '@connect/core';
import type { Metadata } from 'next';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { LlmSettingsForm } from './llm-settings-form';

export const metadata: Metadata = { title: 'Magic Query settings' };

export default async function MagicQuerySettingsPage() {
  const session = await requirePageSession();
  const { store, env } = services();
  const settings = await store.llmSettings.view(session.workspaceId, llmDefaultsFromEnv(env));
  return <LlmSettingsForm initial={settings} canEdit={can(session.user.role, 'manageSettings')} />;
}
