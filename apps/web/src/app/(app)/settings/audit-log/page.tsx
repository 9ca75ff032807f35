import { can } from '@connect/core';
import type { Metadata } from 'next';
import { OwnerOnly } from '@/components/owner-only';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { AuditLogTable, type AuditRowView } from './audit-log-table';

export const metadata: Metadata = { title: 'Audit log' };

const pageSize = 50;

export default async function AuditLogPage() {
  const session = await requirePageSession();
  if (!can(session.user.role, 'readAudit')) return <OwnerOnly what="the audit log" />;
  const events = await services().store.auditLog.list(session.workspaceId, { limit: pageSize });
  const rows: AuditRowView[] = events.map((event) => ({
    ...event,
    createdAt: event.createdAt.toISOString(),
  }));
  return <AuditLogTable initial={rows} pageSize={pageSize} />;
}
