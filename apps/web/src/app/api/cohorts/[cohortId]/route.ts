import { AppError } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { updateCohortSchema } from '../_lib/cohort-input';
import { evaluateCohort } from '../_lib/evaluate-cohort';

/** One cohort and the campaigns that send to it. */
export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const id = idParam(params.cohortId, 'cohort');
  return {
    cohort: await services.store.cohorts.get(session.workspaceId, id),
    campaigns: await services.store.campaigns.listByCohort(session.workspaceId, id),
  };
});

/**
 * Renames a cohort, or changes what it selects. A changed definition is checked on
 * the database and counted before it is saved.
 */
export const PUT = sessionRoute(
  'edit',
  { body: updateCohortSchema },
  async ({ req, session, body, params, meta, services }) => {
    const id = idParam(params.cohortId, 'cohort');
    const { store } = services;
    const current = await store.cohorts.get(session.workspaceId, id);
    const changesSelection = body.definition !== undefined;
    const count = changesSelection
      ? await evaluateCohort(
          services,
          session.workspaceId,
          { connectionId: current.connectionId, source: body.source ?? null, definition: body.definition! },
          req.signal,
        )
      : undefined;
    const cohort = await store.cohorts.update(session.workspaceId, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(changesSelection ? { source: body.source ?? null, definition: body.definition } : {}),
    });
    if (count)
      await store.cohorts.recordCount(session.workspaceId, id, { value: count.count, exact: count.exact });
    await store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'cohort.updated',
      target: { type: 'cohort', id },
      details: {
        name: cohort.name,
        ...(current.name !== cohort.name ? { previousName: current.name } : {}),
        definitionChanged: changesSelection,
      },
      ip: meta.ip,
    });
    return { cohort: await store.cohorts.get(session.workspaceId, id) };
  },
);

/** Deletes a cohort; refused while a campaign sends to it (the campaigns are named). */
export const DELETE = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const id = idParam(params.cohortId, 'cohort');
  const { store } = services;
  const cohort = await store.cohorts.get(session.workspaceId, id);
  const campaigns = await store.campaigns.listByCohort(session.workspaceId, id);
  if (campaigns.length > 0) {
    const names = campaigns.map((campaign) => `"${campaign.name}"`).join(', ');
    throw new AppError(
      'conflict',
      `${cohort.name} is used by ${campaigns.length === 1 ? 'the campaign' : `${campaigns.length} campaigns:`} ${names}. Delete ${campaigns.length === 1 ? 'that campaign' : 'those campaigns'} or choose another cohort for ${campaigns.length === 1 ? 'it' : 'them'} first.`,
    );
  }
  await store.cohorts.delete(session.workspaceId, id);
  await store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'cohort.deleted',
    target: { type: 'cohort', id },
    details: { name: cohort.name },
    ip: meta.ip,
  });
  return { ok: true };
});
