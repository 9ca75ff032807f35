import { sessionRoute } from '@/server/api-route';

/** The signed-in user. */
export const GET = sessionRoute('read', {}, async ({ session }) => ({
  user: session.user,
  expiresAt: session.expiresAt,
}));
