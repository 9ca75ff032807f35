import { changePasswordSchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';

/** Changes the signed-in user's own password; every other session of theirs ends. */
export const POST = sessionRoute(
  'read',
  { body: changePasswordSchema },
  async ({ session, body, meta, services }) => services.auth.changeOwnPassword(session, body, meta),
);
