export { postgresUrlFor, testServiceUrls } from './services/service-urls';
export { createTestDatabase, dropDatabase, withAdmin } from './services/test-database';
export type { TestDatabase } from './services/test-database';
export { createTestRedis } from './services/test-redis';
export type { TestRedis } from './services/test-redis';
export { startRedisServer } from './services/redis-server';
export type { RedisServer } from './services/redis-server';
export { startFakeFyno } from './fyno/fake-fyno';
export type { FakeFyno, FakeFynoOptions } from './fyno/fake-fyno-handle';
export { sampleFakeFynoEvents } from './fyno/fake-fyno-events';
export type { FakeFynoEvent, FakeFynoVersion } from './fyno/fake-fyno-events';
export type { FakeFault, FakeFynoFaults } from './fyno/fake-fyno-faults';
export type {
  DeliveryFilter,
  FakeFynoReceived,
  FakeFynoRequest,
  FakeFynoStats,
} from './fyno/fake-fyno-ledger';
export { startMongoTestServer } from './mongodb/start-mongo-test-server';
export type {
  MongoTestServer,
  MongoTestServerOptions,
  MongoTestUser,
  ReceivedCommand as MongoReceivedCommand,
  ScramMechanism,
} from './mongodb/start-mongo-test-server';
export { connectorHarnesses } from './customer-databases/harnesses';
export type {
  ConnectorHarness,
  CustomerDatabase,
  NotSimulated,
  WriteAttempt,
} from './customer-databases/connector-harness';
export {
  createPostgresCustomerDatabase,
  postgresHarness,
} from './customer-databases/postgres-customer-database';
export { createMysqlCustomerDatabase, mysqlHarness } from './customer-databases/mysql-customer-database';
export {
  ensurePostgresTestRoles,
  passwordRole,
  tlsOnlyRole,
} from './customer-databases/postgres-password-role';
export { fixtureColumns, fixturePlans, fixtureTags, generateUsers } from './customer-databases/users-fixture';
export type { FixtureColumn, FixtureOptions, FixtureUser } from './customer-databases/users-fixture';
export { SeededRandom } from './customer-databases/seeded-random';
export { startSnowflakeTestServer } from './snowflake/snowflake-test-server';
export type {
  SnowflakeServerStats,
  SnowflakeTestServer,
  SnowflakeTestServerOptions,
  SnowflakeTestUser,
} from './snowflake/snowflake-test-server';
export { startSnowflakeTestServerProcess } from './snowflake/process/start-server-process';
export type { SnowflakeTestServerProcess } from './snowflake/process/start-server-process';
export { createSnowflakeTestDatabase } from './snowflake/create-snowflake-database';
export type {
  SnowflakeColumnSpec,
  SnowflakeTableSpec,
  SnowflakeTestDatabase,
} from './snowflake/create-snowflake-database';
export { startFakeOpenAi } from './openai/fake-openai';
export type {
  FakeOpenAi,
  FakeOpenAiMessage,
  FakeOpenAiOptions,
  FakeOpenAiReply,
  FakeOpenAiRequest,
} from './openai/fake-openai-types';
