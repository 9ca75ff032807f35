import { can } from '@connect/core';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/page-header';
import { requirePageSession } from '@/server/page-session';
import { SettingsTabs } from './settings-tabs';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  const tabs = [
    { href: '/settings', label: 'Fyno Cloud' },
    { href: '/settings/events', label: 'Events' },
    { href: '/settings/magic-query', label: 'Magic Query' },
    { href: '/settings/phone-numbers', label: 'Phone numbers' },
    ...(can(session.user.role, 'manageUsers') ? [{ href: '/settings/users', label: 'Users' }] : []),
    ...(can(session.user.role, 'readAudit') ? [{ href: '/settings/audit-log', label: 'Audit log' }] : []),
    { href: '/settings/account', label: 'Your account' },
  ];
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsTabs tabs={tabs} />
      {children}
    </>
  );
}
