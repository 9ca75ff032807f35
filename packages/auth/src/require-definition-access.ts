import { can, type Definition } from '@connect/core';
import type { ActiveSession } from '@connect/store';
import { requirePermission } from './require-permission';

/**
 * Raw queries are an editor's right: a viewer browses with filters. A viewer may
 * still count and preview a raw query that is the definition of a cohort saved on
 * this connection (`isSavedCohortDefinition`), since opening a saved cohort shows
 * its rows; writing or changing a query stays refused, with a message saying who
 * can grant it.
 */
export async function requireDefinitionAccess(
  session: ActiveSession,
  definition: Definition,
  isSavedCohortDefinition: () => Promise<boolean>,
): Promise<void> {
  if (definition.type !== 'query' || can(session.user.role, 'runRawQueries')) return;
  if (await isSavedCohortDefinition()) return;
  requirePermission(session, 'runRawQueries');
}
