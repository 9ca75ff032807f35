// Next.js calls register() once when the server starts. The Node.js part lives in
// its own file so the edge build of this module never sees Node-only APIs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentAtBoot } = await import('./boot-check');
    checkEnvironmentAtBoot();
  }
}
