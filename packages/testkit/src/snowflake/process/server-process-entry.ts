import { startSnowflakeTestServer } from '../snowflake-test-server';
import type { SnowflakeTestServerOptions } from '../server-options';

/**
 * Child-process entry of `startSnowflakeTestServerProcess`: starts the server with the options
 * in SNOWFLAKE_TEST_SERVER_OPTIONS and answers `stats` / `close` messages from the parent.
 */
const options = JSON.parse(process.env.SNOWFLAKE_TEST_SERVER_OPTIONS ?? '{}') as SnowflakeTestServerOptions;
const server = await startSnowflakeTestServer(options);
process.send?.({
  type: 'ready',
  accessUrl: server.accessUrl,
  account: server.account,
  database: server.database,
  port: server.port,
});
process.on('message', (message: { type: string; id: number }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', id: message.id, stats: server.stats() });
  if (message.type === 'close') {
    void server.close().finally(() => process.exit(0));
  }
});
// The parent going away must not leave a server behind.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
