import type { FakeFynoVersion } from './fake-fyno-events';

/** One recipient the fake accepted: what Fyno would have dispatched. */
export interface FakeFynoReceived {
  /** Order of acceptance across the fake's life, from 1. */
  n: number;
  event: string;
  version: FakeFynoVersion;
  endpoint: 'event' | 'bulk';
  requestId: string;
  idempotencyKey: string | null;
  /** 1-based position in the bulk request's `batch`; null for the single endpoint. */
  seq: number | null;
  to: Record<string, string>;
  distinctId: string | null;
  data: Record<string, unknown>;
  callback: Record<string, unknown> | null;
  /** Channel -> destination for each channel dispatched (the event's channels found in `to`). */
  dispatched: Record<string, string>;
  receivedAt: number;
}

/** One HTTP request to Fyno's endpoints, as the fake saw it. */
export interface FakeFynoRequest {
  at: number;
  endpoint: 'event' | 'bulk' | 'other';
  idempotencyKey: string | null;
  bytes: number;
  /** Status answered, or `dropped` when the socket was destroyed instead. */
  outcome: number | 'dropped';
  /** Why: `fault` (injected), `replay` (idempotent repeat), or undefined for normal handling. */
  note?: 'fault' | 'replay' | 'dropped-after-accept';
}

export interface DeliveryFilter {
  event?: string;
  channel?: string;
  destination?: string;
}

export interface FakeFynoStats {
  /** Requests to Fyno's API paths (test routes not counted). */
  requests: number;
  /** TCP connections opened to the fake (keep-alive clients open few). */
  connections: number;
  byEndpoint: { event: number; bulk: number };
  /** Count of replies per status, plus `dropped`. */
  outcomes: Record<string, number>;
  /** Requests accepted for the first time (202, recorded). */
  accepted: number;
  /** Repeats answered from the idempotency store (nothing recorded). */
  replays: number;
  /** Recipients recorded. */
  recipients: number;
  /** Channel deliveries recorded (a recipient on two channels is two). */
  deliveries: number;
  faults: {
    rateLimited: number;
    serverError: number;
    dropped: number;
    droppedAfterAccept: number;
    slow: number;
  };
}

const maxRequestLog = 50_000;

/**
 * What the fake received. Delivery counts per event and destination are always kept; full
 * records only when `keep` is `all`, so a million-recipient benchmark does not hold them all.
 */
export class FakeFynoLedger {
  private records: FakeFynoReceived[] = [];
  private log: FakeFynoRequest[] = [];
  private counts = new Map<string, Map<string, number>>();
  private n = 0;
  stats: FakeFynoStats = emptyStats();

  constructor(private readonly keep: 'all' | 'counts') {}

  record(entries: Array<Omit<FakeFynoReceived, 'n'>>): FakeFynoReceived[] {
    const stored = entries.map((entry) => ({ n: ++this.n, ...entry }));
    for (const entry of stored) {
      this.stats.recipients++;
      let perEvent = this.counts.get(entry.event);
      if (!perEvent) this.counts.set(entry.event, (perEvent = new Map()));
      for (const [channel, destination] of Object.entries(entry.dispatched)) {
        this.stats.deliveries++;
        const key = `${channel}\u0000${destination}`;
        perEvent.set(key, (perEvent.get(key) ?? 0) + 1);
      }
      if (this.keep === 'all') this.records.push(entry);
    }
    return stored;
  }

  logRequest(request: FakeFynoRequest): void {
    this.log.push(request);
    if (this.log.length > maxRequestLog) this.log.splice(0, this.log.length - maxRequestLog);
    this.stats.requests++;
    if (request.endpoint !== 'other') this.stats.byEndpoint[request.endpoint]++;
    const outcome = String(request.outcome);
    this.stats.outcomes[outcome] = (this.stats.outcomes[outcome] ?? 0) + 1;
  }

  /** Accepted recipients (empty when `keep` is `counts`), optionally filtered. */
  received(filter: DeliveryFilter = {}): FakeFynoReceived[] {
    return this.records.filter((record) => matches(record, filter));
  }

  requests(): FakeFynoRequest[] {
    return [...this.log];
  }

  /** Deliveries per `channel:destination` (over all events unless `event` is given). */
  deliveryCounts(filter: DeliveryFilter = {}): Map<string, number> {
    const result = new Map<string, number>();
    for (const [event, perEvent] of this.counts) {
      if (filter.event !== undefined && event !== filter.event) continue;
      for (const [key, count] of perEvent) {
        const [channel, destination] = key.split('\u0000') as [string, string];
        if (filter.channel !== undefined && channel !== filter.channel) continue;
        if (filter.destination !== undefined && destination !== filter.destination) continue;
        const label = `${channel}:${destination}`;
        result.set(label, (result.get(label) ?? 0) + count);
      }
    }
    return result;
  }

  countDeliveries(filter: DeliveryFilter = {}): number {
    let total = 0;
    for (const count of this.deliveryCounts(filter).values()) total += count;
    return total;
  }

  reset(): void {
    this.records = [];
    this.log = [];
    this.counts = new Map();
    this.stats = emptyStats();
  }
}

function emptyStats(): FakeFynoStats {
  return {
    requests: 0,
    connections: 0,
    byEndpoint: { event: 0, bulk: 0 },
    outcomes: {},
    accepted: 0,
    replays: 0,
    recipients: 0,
    deliveries: 0,
    faults: { rateLimited: 0, serverError: 0, dropped: 0, droppedAfterAccept: 0, slow: 0 },
  };
}

function matches(record: FakeFynoReceived, filter: DeliveryFilter): boolean {
  if (filter.event !== undefined && record.event !== filter.event) return false;
  if (filter.channel === undefined && filter.destination === undefined) return true;
  return Object.entries(record.dispatched).some(
    ([channel, destination]) =>
      (filter.channel === undefined || channel === filter.channel) &&
      (filter.destination === undefined || destination === filter.destination),
  );
}
