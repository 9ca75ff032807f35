import { requireDefinitionAccess } from '@connect/auth';
import type { Definition } from '@connect/core';
import type { ActiveSession } from '@connect/store';
import type { Services } from '@/server/services';

/** Refuses a viewer's raw query unless it is a saved cohort's own; see `requireDefinitionAccess`. */
export function checkDefinitionAccess(
  services: Pick<Services, 'store'>,
  session: ActiveSession,
  connectionId: string,
  definition: Definition,
): Promise<void> {
  return requireDefinitionAccess(session, definition, () =>
    services.store.cohorts.hasDefinition(session.workspaceId, connectionId, definition),
  );
}
