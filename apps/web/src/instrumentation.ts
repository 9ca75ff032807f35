// Next.js calls register() once when the server starts. The Node.js part lives in
// its own files so the edge build of this module never sees Node-only APIs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // First, so requests are stamped with their socket's address as early as possible.
    const { stampSocketPeers } = await import('./server/socket-peer');
    stampSocketPeers();
    const { checkEnvironmentAtBoot } = await import('./boot-check');
    checkEnvironmentAtBoot();
  }
}
