import { NextResponse } from 'next/server';
import { publicRoute } from '@/server/api-route';
import { checkHealth } from '@/server/check-health';

export const GET = publicRoute({}, async ({ services }) => {
  const report = await checkHealth(services);
  return NextResponse.json(report, { status: report.status === 'down' ? 503 : 200 });
});
