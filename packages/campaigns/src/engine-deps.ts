import type { PhoneCountry } from '@connect/core';
import type { ConnectorCache } from '@connect/connectors';
import type { JobProducer } from '@connect/queue';
import type { Store } from '@connect/store';
import type { FynoClientPool, SendRateLimiter } from '@connect/delivery';

export interface EngineLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** The long-lived clients the campaign engine works with, owned by the worker process. */
export interface CampaignEngineDeps {
  store: Store;
  connectors: ConnectorCache;
  jobs: JobProducer;
  fyno: FynoClientPool;
  limiter: SendRateLimiter;
  logger: EngineLogger;
  /** Recipients per batch job (one Fyno bulk request when unlimited). Default 1,000. */
  batchSize?: number;
  /** `DEFAULT_PHONE_COUNTRY` from .env: the phone country of workspaces whose Settings leave it empty. */
  defaultPhoneCountry?: PhoneCountry | undefined;
}

export const defaultBatchSize = 1_000;
