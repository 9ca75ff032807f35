import type { ActiveSession } from '@connect/store';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { services } from './services';
import { sessionCookieName } from './session-cookie';

/** The session behind a page request, or null. */
export async function pageSession(): Promise<ActiveSession | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  return services().auth.resolveSession(token);
}

/** For pages behind sign-in: first-run setup if nobody exists yet, else the sign-in page. */
export async function requirePageSession(): Promise<ActiveSession> {
  const session = await pageSession();
  if (session) return session;
  if (await services().auth.isSetupOpen()) redirect('/setup');
  const path = (await headers()).get('x-pathname');
  redirect(path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in');
}
