'use client';

import { can, type Permission, type Role } from '@connect/core';
import { createContext, type ReactNode, useContext } from 'react';

interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

const SessionUserContext = createContext<SessionUser | null>(null);

export function SessionUserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionUserContext.Provider value={user}>{children}</SessionUserContext.Provider>;
}

export function useSessionUser(): SessionUser {
  const user = useContext(SessionUserContext);
  if (!user) throw new Error('useSessionUser needs SessionUserProvider');
  return user;
}

/** Whether the signed-in user may do something. Hides controls only; the server decides. */
export function useCan(permission: Permission): boolean {
  return can(useSessionUser().role, permission);
}
