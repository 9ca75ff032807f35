'use client';

import { type Role, roleLabels } from '@connect/core';
import {
  AppShell,
  Avatar,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconDatabase,
  IconLogout,
  IconSend,
  IconSettings,
  IconUser,
  IconUsersGroup,
} from '@tabler/icons-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { BrandMark } from '@/components/brand-mark';
import { api } from '@/lib/api-client';
import { SessionUserProvider } from '@/lib/session-user';

const sections = [
  { href: '/databases', label: 'Databases', icon: IconDatabase },
  { href: '/cohorts', label: 'Cohorts', icon: IconUsersGroup },
  { href: '/campaigns', label: 'Campaigns', icon: IconSend },
  { href: '/settings', label: 'Settings', icon: IconSettings },
];

export interface FrameUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export function AppFrame({ user, children }: { user: FrameUser; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = usePathname();
  const router = useRouter();

  async function signOut() {
    await api('POST', '/api/auth/sign-out').catch(() => {});
    router.replace('/sign-in');
    router.refresh();
  }

  return (
    <SessionUserProvider user={user}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="sm">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <BrandMark />
            </Group>
            <Menu position="bottom-end" width={240}>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu" data-testid="account-menu">
                  <Group gap="xs">
                    <Avatar size={30} radius="xl" color="indigo">
                      {initials(user.name)}
                    </Avatar>
                    <Stack gap={0} visibleFrom="xs">
                      <Text size="sm" fw={600} lh={1.2}>
                        {user.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {roleLabels[user.role]}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.email}</Menu.Label>
                <Menu.Item component={Link} href="/settings/account" leftSection={<IconUser size={16} />}>
                  Your account
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            <nav aria-label="Main">
              {sections.map((section) => (
                <NavLink
                  key={section.href}
                  component={Link}
                  href={section.href}
                  label={section.label}
                  leftSection={<section.icon size={18} stroke={1.6} />}
                  active={pathname === section.href || pathname.startsWith(`${section.href}/`)}
                  onClick={close}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              ))}
            </nav>
          </AppShell.Section>
          <AppShell.Section>
            <Button
              variant="subtle"
              color="gray"
              fullWidth
              justify="flex-start"
              leftSection={<IconLogout size={16} />}
              onClick={signOut}
            >
              Sign out
            </Button>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main bg="var(--mantine-color-gray-0)">{children}</AppShell.Main>
      </AppShell>
    </SessionUserProvider>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
