import { AppError, can, type Permission, permissionRefusals, roleLabels } from '@connect/core';
import type { ActiveSession } from '@connect/store';

/** Throws `forbidden` unless the session's role allows the action. */
export function requirePermission(session: ActiveSession, permission: Permission): void {
  if (!can(session.user.role, permission)) {
    throw new AppError(
      'forbidden',
      permissionRefusals[permission] ??
        `Your role (${roleLabels[session.user.role]}) does not allow this. Ask a workspace owner.`,
    );
  }
}
