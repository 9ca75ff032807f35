export { createRedisConnection } from './redis-connection';
export { isJobName, jobCatalog, maintenanceSchedules, queueNames } from './job-catalog';
export type { JobName, JobPayload, QueueName } from './job-catalog';
export { JobProducer } from './job-producer';
export type { JobProducerOptions } from './job-producer';
export {
  heartbeatIntervalMs,
  heartbeatTtlSeconds,
  readWorkerHeartbeats,
  removeWorkerHeartbeat,
  writeWorkerHeartbeat,
} from './worker-heartbeat';
export type { WorkerHeartbeat } from './worker-heartbeat';
