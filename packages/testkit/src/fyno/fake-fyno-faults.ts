/**
 * Fault injection for the fake Fyno. Rates are shares of API requests (0..1), drawn from a
 * seeded generator so a failing run can be replayed; `next` scripts exact faults for the
 * next requests, for tests that need one specific sequence.
 */
export type FakeFault =
  /** Answer normally (a placeholder in `next`, to fault a later request). */
  | 'none'
  | '429'
  | '500'
  | '502'
  | '503'
  /** Destroy the socket before processing: nothing is recorded. */
  | 'drop'
  /** Process and record, then destroy the socket instead of answering. */
  | 'drop-after-accept'
  /** Answer normally after a further `slowMs`. */
  | 'slow';

export interface FakeFynoFaults {
  /** Share of requests answered 429 with `Retry-After`. */
  rateLimitRate?: number;
  /** `Retry-After` on 429s: seconds (default 1). */
  retryAfterSeconds?: number;
  /** Send `Retry-After` as seconds (default) or as an HTTP date. */
  retryAfterFormat?: 'seconds' | 'http-date';
  /** Share of requests answered 500. */
  serverErrorRate?: number;
  /** Share of requests whose socket is destroyed before they are processed (nothing recorded). */
  dropRate?: number;
  /** Share of requests processed and recorded, whose socket is then destroyed instead of answered. */
  dropAfterAcceptRate?: number;
  /** Delay added to every API reply, in ms. */
  latencyMs?: number;
  /** Share of requests delayed by a further `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Faults for the next requests, one per request, before any random ones. */
  next?: FakeFault[];
  /** Seed of the random draws; default 1. */
  seed?: number;
}

export interface FaultDecision {
  /** What replaces the normal handling, if anything. */
  fault: Exclude<FakeFault, 'slow' | 'none'> | undefined;
  delayMs: number;
  slow: boolean;
}

const rates = ['rateLimitRate', 'serverErrorRate', 'dropRate', 'dropAfterAcceptRate', 'slowRate'] as const;

/** Checks a faults object from a test or the `/__fake/faults` route. */
export function parseFaults(input: unknown): FakeFynoFaults {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('faults must be an object');
  }
  const faults = input as FakeFynoFaults;
  for (const key of rates) {
    const value = faults[key];
    if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1)) {
      throw new Error(`${key} must be a number from 0 to 1`);
    }
  }
  const total =
    (faults.rateLimitRate ?? 0) +
    (faults.serverErrorRate ?? 0) +
    (faults.dropRate ?? 0) +
    (faults.dropAfterAcceptRate ?? 0);
  if (total > 1)
    throw new Error('rateLimitRate + serverErrorRate + dropRate + dropAfterAcceptRate must not exceed 1');
  for (const key of ['latencyMs', 'slowMs', 'retryAfterSeconds'] as const) {
    const value = faults[key];
    if (value !== undefined && (typeof value !== 'number' || value < 0))
      throw new Error(`${key} must be a number >= 0`);
  }
  const next = faults.next ?? [];
  if (!Array.isArray(next) || !next.every((fault) => knownFaults.includes(fault))) {
    throw new Error(`next must be a list of: ${knownFaults.join(', ')}`);
  }
  return { ...faults, next: [...next] };
}

const knownFaults: readonly FakeFault[] = [
  'none',
  '429',
  '500',
  '502',
  '503',
  'drop',
  'drop-after-accept',
  'slow',
];

/** Draws the fault, if any, for each API request. */
export class FaultPicker {
  private faults: FakeFynoFaults = {};
  private random: () => number = mulberry32(1);

  set(faults: FakeFynoFaults): void {
    this.faults = parseFaults(faults);
    this.random = mulberry32(this.faults.seed ?? 1);
  }

  get(): FakeFynoFaults {
    return { ...this.faults, next: [...(this.faults.next ?? [])] };
  }

  pick(): FaultDecision {
    const f = this.faults;
    const scripted = f.next?.shift();
    let delayMs = f.latencyMs ?? 0;
    const slow = scripted === 'slow' || (scripted === undefined && this.random() < (f.slowRate ?? 0));
    if (slow) delayMs += f.slowMs ?? 2_000;
    if (scripted !== undefined) {
      return { fault: scripted === 'slow' || scripted === 'none' ? undefined : scripted, delayMs, slow };
    }
    const r = this.random();
    let edge = 0;
    const draws: Array<[number | undefined, FaultDecision['fault']]> = [
      [f.rateLimitRate, '429'],
      [f.serverErrorRate, '500'],
      [f.dropRate, 'drop'],
      [f.dropAfterAcceptRate, 'drop-after-accept'],
    ];
    for (const [rate, fault] of draws) {
      edge += rate ?? 0;
      if (r < edge) return { fault, delayMs, slow };
    }
    return { fault: undefined, delayMs, slow };
  }

  retryAfterHeader(): string {
    const seconds = this.faults.retryAfterSeconds ?? 1;
    if (this.faults.retryAfterFormat === 'http-date') {
      return new Date(Date.now() + seconds * 1000).toUTCString();
    }
    return String(seconds);
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
