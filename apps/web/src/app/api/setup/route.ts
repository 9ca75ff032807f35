import { setupOwnerSchema } from '@connect/core';
import { publicRoute } from '@/server/api-route';
import { sessionStartedResponse } from '@/server/session-cookie';

/** Whether first-run setup is still open. */
export const GET = publicRoute({}, async ({ services }) => ({ open: await services.auth.isSetupOpen() }));

/** Creates the owner account (only while no owner exists) and signs them in. */
export const POST = publicRoute({ body: setupOwnerSchema }, async ({ req, body, meta, services }) => {
  const session = await services.auth.setupOwner(body, meta);
  return sessionStartedResponse(req, session, services.env, 201);
});
