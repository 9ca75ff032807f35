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
  viewer: 'Can look at everything and filter it; cannot run queries or change anything',
};

/** The minimum role each action needs. Roles are ordered: owner > editor > viewer. */
export const permissionMinimumRole = {
  read: 'viewer',
  edit: 'editor',
  /**
   * Writing and running raw queries (SQL, MongoDB pipelines). Viewers browse with
   * filters; a saved cohort's own definition they may still count and preview.
   */
  runRawQueries: 'editor',
  manageSettings: 'owner',
  manageUsers: 'owner',
  readAudit: 'owner',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissionMinimumRole;

const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** What a refusal says where the generic "ask an owner" would not tell the user enough. */
export const permissionRefusals: Partial<Record<Permission, string>> = {
  runRawQueries:
    'Only editors and owners can run queries. As a viewer you can browse and filter the data; a workspace owner can make you an editor under Settings → Users.',
};

export function can(role: Role, permission: Permission): boolean {
  return rank[role] >= rank[permissionMinimumRole[permission]];
}
