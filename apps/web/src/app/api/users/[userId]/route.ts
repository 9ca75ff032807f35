import { AppError, updateUserSchema } from '@connect/core';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';

const userIdSchema = z.uuid();

/** Changes a user's role, or deactivates / reactivates them. */
export const PATCH = sessionRoute(
  'manageUsers',
  { body: updateUserSchema },
  async ({ session, body, params, meta, services }) => {
    const userId = userIdSchema.safeParse(params.userId);
    if (!userId.success) throw new AppError('not_found', 'That user does not exist.');
    return { user: await services.auth.updateUser(session, userId.data, body, meta) };
  },
);
