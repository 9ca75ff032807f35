import { addUserSchema } from '@connect/core';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';

export const GET = sessionRoute('manageUsers', {}, async ({ session, services }) => ({
  users: await services.auth.listUsers(session),
}));

export const POST = sessionRoute(
  'manageUsers',
  { body: addUserSchema },
  async ({ session, body, meta, services }) => {
    const user = await services.auth.addUser(session, body, meta);
    return NextResponse.json({ user }, { status: 201 });
  },
);
