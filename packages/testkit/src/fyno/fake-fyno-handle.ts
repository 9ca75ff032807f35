import type { FakeFynoEvent } from './fake-fyno-events';
import type { FakeFynoFaults } from './fake-fyno-faults';
import type { DeliveryFilter, FakeFynoReceived, FakeFynoRequest, FakeFynoStats } from './fake-fyno-ledger';

/** How to start a fake Fyno, and the handle a test gets back. */
export interface FakeFynoOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The workspace ID the fake accepts. Default `FYFAKE0001`. */
  workspaceId?: string;
  /** The API key the fake accepts. Default: random per instance. */
  apiKey?: string;
  events?: FakeFynoEvent[];
  faults?: FakeFynoFaults;
  /** Largest request body accepted; larger ones get 413. Default 10 MiB (10 * 2^20 bytes). */
  maxBodyBytes?: number;
  /** `all` (default) keeps every accepted recipient; `counts` keeps only delivery counts. */
  keep?: 'all' | 'counts';
  /** How long an idempotency key is remembered. Default 24 hours. */
  idempotencyTtlMs?: number;
  /** Called with the recipients of each accepted request (the sandbox prints them). */
  onReceive?: (records: FakeFynoReceived[]) => void;
}

export interface FakeFyno {
  /** Fyno's API base for this fake, such as http://127.0.0.1:41234/v1 (FYNO_API_BASE). */
  baseUrl: string;
  /** The server's origin; the test routes live under `{origin}/__fake/`. */
  origin: string;
  port: number;
  workspaceId: string;
  apiKey: string;
  /** Options for `createFynoClient` that point at this fake. */
  clientOptions(): { workspaceId: string; apiKey: string; apiBase: string };
  /** Accepted recipients, oldest first (empty with `keep: 'counts'`). */
  received(filter?: DeliveryFilter): FakeFynoReceived[];
  /** Channel deliveries matching the filter (a recipient on two channels counts twice). */
  countDeliveries(filter?: DeliveryFilter): number;
  /** Deliveries per `channel:destination`. */
  deliveryCounts(filter?: DeliveryFilter): Map<string, number>;
  /** `channel:destination` labels delivered more than once. */
  duplicates(filter?: DeliveryFilter): string[];
  /** Every request to Fyno's endpoints (last 50,000), with its outcome. */
  requests(): FakeFynoRequest[];
  stats(): FakeFynoStats;
  setFaults(faults: FakeFynoFaults): void;
  faults(): FakeFynoFaults;
  /** Adds events, or replaces all of them with `replace: true`. */
  setEvents(events: FakeFynoEvent[], options?: { replace?: boolean }): void;
  events(): FakeFynoEvent[];
  /** Forgets what was received, the request log, stats, idempotency keys and faults; keeps events. */
  reset(): void;
  close(): Promise<void>;
}
