import type { CampaignEngineDeps } from '@connect/campaigns';
import type { Store } from '@connect/store';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';

/** What job handlers are given: long-lived clients owned by the worker process. */
export interface WorkerDeps {
  env: WorkerEnv;
  store: Store;
  logger: Logger;
  engine: CampaignEngineDeps;
}
