import { signInSchema } from '@connect/core';
import { publicRoute } from '@/server/api-route';
import { sessionStartedResponse } from '@/server/session-cookie';

export const POST = publicRoute({ body: signInSchema }, async ({ req, body, meta, services }) => {
  const session = await services.auth.signIn(body, meta);
  return sessionStartedResponse(req, session, services.env);
});
