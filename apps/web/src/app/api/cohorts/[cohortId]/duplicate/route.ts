import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { copyName } from '../../_lib/evaluate-cohort';

/** Copies a cohort under a new name ("Copy of ..."), with its last count. */
export const POST = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const id = idParam(params.cohortId, 'cohort');
  const { store } = services;
  const original = await store.cohorts.get(session.workspaceId, id);
  const taken = new Set((await store.cohorts.list(session.workspaceId)).map((c) => c.name.toLowerCase()));
  const copy = await store.cohorts.create({
    workspaceId: session.workspaceId,
    connectionId: original.connectionId,
    name: copyName(original.name, taken),
    source: original.source,
    definition: original.definition,
    createdBy: session.user.id,
  });
  if (original.lastCount !== null)
    await store.cohorts.recordCount(session.workspaceId, copy.id, {
      value: original.lastCount,
      exact: original.lastCountKind === 'exact',
    });
  await store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'cohort.created',
    target: { type: 'cohort', id: copy.id },
    details: { name: copy.name, duplicatedFrom: original.id },
    ip: meta.ip,
  });
  return NextResponse.json(
    { cohort: await store.cohorts.get(session.workspaceId, copy.id) },
    { status: 201 },
  );
});
