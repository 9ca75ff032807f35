'use client';

import { Tabs } from '@mantine/core';
import { usePathname, useRouter } from 'next/navigation';

export function SettingsTabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <Tabs value={pathname} onChange={(href) => href && router.push(href)} mb="lg">
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.href} value={tab.href}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
