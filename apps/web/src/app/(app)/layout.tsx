import type { ReactNode } from 'react';
import { requirePageSession } from '@/server/page-session';
import { AppFrame } from './app-frame';

/** Every page inside the app needs a signed-in user. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  return <AppFrame user={session.user}>{children}</AppFrame>;
}
