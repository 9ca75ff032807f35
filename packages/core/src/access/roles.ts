/**
 * Roles and what each may do. The server checks these on every route; the UI only
 * uses them to hide controls a user could not use anyway.
 */
export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Everything, including users, settings and the audit log',
  editor: 'Databases, cohorts and campaigns; cannot manage users or settings',
  viewer: 'Can look at everything, change nothing',
};

/** The minimum role each action needs. Roles are ordered: owner > editor > viewer. */
export const permissionMinimumRole = {
  read: 'viewer',
  edit: 'editor',
  manageSettings: 'owner',
  manageUsers: 'owner',
  readAudit: 'owner',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissionMinimumRole;

const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function can(role: Role, permission: Permission): boolean {
  return rank[role] >= rank[permissionMinimumRole[permission]];
}
