import { Temporal } from 'temporal-polyfill';

/** One stretch of time during which a zone keeps one UTC offset. */
interface OffsetSpan {
  /** First instant of the span (epoch ms); the first span of a timeline starts at -Infinity. */
  start: number;
  offsetMs: number;
}

/** Where a wall-clock time falls in a zone. */
export type WallTimeResolution =
  | { kind: 'exact'; at: number }
  /** Clocks show this time twice (they moved back); `at` is the first time. */
  | { kind: 'repeated'; at: number }
  /** Clocks jumped over this time (they moved forward) at `at`; `wallAfter` is what they showed then. */
  | { kind: 'skipped'; at: number; wallAfter: number };

const dayMs = 86_400_000;
/** Offsets stay within ±14 h, so a wall time is always within this of its instant. */
const maxOffsetMs = 15 * 3_600_000;

/**
 * A zone's offsets, read from the zone's rules once and then extended as far as
 * asked. Asking the rules (Temporal's transitions) is slow in the polyfill; turning
 * a wall-clock time into an instant with known offsets is plain arithmetic, which
 * keeps a preview over years of slots (and the property test over every zone) fast.
 */
class ZoneTimeline {
  private readonly spans: OffsetSpan[];
  /** The timeline is known up to this instant (epoch ms). */
  private knownUntil: number;
  /** The timeline is only trusted from this instant on (its first span's offset is read there). */
  readonly firstKnown: number;

  constructor(
    private readonly timeZone: string,
    from: number,
  ) {
    const offsetMs = offsetAt(timeZone, from);
    this.spans = [{ start: Number.NEGATIVE_INFINITY, offsetMs }];
    this.knownUntil = from;
    this.firstKnown = from;
  }

  /** Where `wall` (a wall-clock time written as if it were UTC, epoch ms) falls in the zone. */
  resolve(wall: number): WallTimeResolution {
    this.extendTo(wall + maxOffsetMs + dayMs);
    // Plain loops, no arrays: this runs for every slot of every previewed day. Only
    // spans that can hold the instant (within the widest offset of the wall time) are looked at.
    let first = Number.NaN;
    let matches = 0;
    for (let index = this.spanBefore(wall - maxOffsetMs); index < this.spans.length; index += 1) {
      const span = this.spans[index]!;
      if (span.start > wall + maxOffsetMs) break;
      const end = this.spans[index + 1]?.start ?? Number.POSITIVE_INFINITY;
      const at = wall - span.offsetMs;
      if (at >= span.start && at < end) {
        if (matches === 0 || at < first) first = at;
        matches += 1;
      }
    }
    if (matches === 1) return { kind: 'exact', at: first };
    if (matches > 1) return { kind: 'repeated', at: first };
    // No offset maps the wall time: it lies in a forward jump. Find the jump it lies in.
    for (let index = 1; index < this.spans.length; index += 1) {
      const before = this.spans[index - 1]!;
      const after = this.spans[index]!;
      const jumpStart = after.start + before.offsetMs;
      const jumpEnd = after.start + after.offsetMs;
      if (wall >= jumpStart && wall < jumpEnd) {
        return { kind: 'skipped', at: after.start, wallAfter: jumpEnd };
      }
    }
    throw new Error(`Cannot place ${new Date(wall).toISOString()} (wall clock) in ${this.timeZone}`);
  }

  /** The index of the last span starting at or before `at` (binary search). */
  private spanBefore(at: number): number {
    let low = 0;
    let high = this.spans.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.spans[middle]!.start <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The wall-clock time (as if UTC, epoch ms) at an instant. */
  wallAt(at: number): number {
    this.extendTo(at + dayMs);
    return at + this.spans[this.spanBefore(at)]!.offsetMs;
  }

  private extendTo(until: number): void {
    if (until <= this.knownUntil) return;
    // Look ahead a year at a time: each lookup costs about as much as a short one.
    const target = Math.max(until, this.knownUntil + 366 * dayMs);
    let cursor = Temporal.Instant.fromEpochMilliseconds(this.knownUntil).toZonedDateTimeISO(this.timeZone);
    for (;;) {
      const next = cursor.getTimeZoneTransition('next');
      if (!next || next.epochMilliseconds > target) break;
      this.spans.push({ start: next.epochMilliseconds, offsetMs: next.offsetNanoseconds / 1_000_000 });
      cursor = next;
    }
    this.knownUntil = target;
  }
}

function offsetAt(timeZone: string, at: number): number {
  return (
    Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1_000_000
  );
}

const timelines = new Map<string, ZoneTimeline>();

/**
 * The shared timeline of a zone, able to place instants from `from` on
 * (zone rules do not change while a process runs, so one timeline per zone serves all).
 */
export function zoneTimeline(timeZone: string, from: number): ZoneTimeline {
  const known = timelines.get(timeZone);
  if (known && known.firstKnown <= from) return known;
  const timeline = new ZoneTimeline(timeZone, Math.min(from, known?.firstKnown ?? from) - dayMs);
  timelines.set(timeZone, timeline);
  return timeline;
}

export type { ZoneTimeline };
