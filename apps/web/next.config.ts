import type { NextConfig } from 'next';

const config: NextConfig = {
  // Internal packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: [
    '@connect/auth',
    '@connect/campaigns',
    '@connect/cohorts',
    '@connect/connectors',
    '@connect/core',
    '@connect/delivery',
    '@connect/fyno',
    '@connect/magic-query',
    '@connect/queue',
    '@connect/store',
  ],
  // Database drivers run as plain Node packages, not bundled: bundling breaks the
  // MongoDB connection-string parser ("is not a constructor") and bloats the server.
  serverExternalPackages: ['mongodb-connection-string-url', 'mysql2', 'snowflake-sdk'],
  // The container image builds a self-contained server bundle; `next start` (the
  // native way to run Connect) needs the regular output.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // `pnpm typecheck` and `pnpm lint` check the code; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Headers that depend on the request (CSP nonce) are set in src/proxy.ts.
};

export default config;
