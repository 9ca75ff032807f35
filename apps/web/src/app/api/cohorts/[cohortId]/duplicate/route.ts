import { duplicateCohort } from '@connect/cohorts';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** Copies a cohort under a new name ("Copy of ..."), with its last count. */
export const POST = sessionRoute('edit', {}, async ({ actor, params, services }) =>
  NextResponse.json(
    { cohort: await duplicateCohort(services, actor, idParam(params.cohortId, 'cohort')) },
    { status: 201 },
  ),
);
