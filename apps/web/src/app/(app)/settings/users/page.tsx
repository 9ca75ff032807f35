import { can } from '@connect/core';
import type { Metadata } from 'next';
import { OwnerOnly } from '@/components/owner-only';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { UsersTable } from './users-table';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const session = await requirePageSession();
  if (!can(session.user.role, 'manageUsers')) return <OwnerOnly what="and manage users" />;
  const users = await services().auth.listUsers(session);
  return (
    <UsersTable
      currentUserId={session.user.id}
      users={users.map((user) => ({ ...user, createdAt: user.createdAt.toISOString() }))}
    />
  );
}
