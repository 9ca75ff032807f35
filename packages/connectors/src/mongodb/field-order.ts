interface Level {
  /** When each key was first seen, for ties. */
  first: Map<string, number>;
  /** Keys seen directly after each key, in some document. */
  next: Map<string, Set<string>>;
}

/**
 * The order of fields as documents write them: under each parent, keys ordered so
 * that every key comes after the keys documents put before it (a topological order
 * of "came right after" seen in any document), nested fields right after their
 * parent. Documents written by one application agree, so the order does not depend
 * on which documents a sample happened to draw first, even when each document
 * lacks some fields. Where documents disagree or say nothing, first seen wins.
 */
export class FieldOrder {
  private readonly levels = new Map<string, Level>();
  private counter = 0;

  /** One document's (or array element's) keys under `parent` ('' for the top level), in its order. */
  record(parent: string, keys: readonly string[]): void {
    let level = this.levels.get(parent);
    if (!level) {
      level = { first: new Map(), next: new Map() };
      this.levels.set(parent, level);
    }
    keys.forEach((key, index) => {
      if (!level.first.has(key)) level.first.set(key, this.counter++);
      const following = keys[index + 1];
      if (following === undefined) return;
      let after = level.next.get(key);
      if (!after) level.next.set(key, (after = new Set()));
      after.add(following);
    });
  }

  /** Every recorded path, each parent followed by its nested fields. */
  paths(): string[] {
    const out: string[] = [];
    const walk = (parent: string) => {
      const level = this.levels.get(parent);
      if (!level) return;
      for (const key of ordered(level)) {
        const path = parent === '' ? key : `${parent}.${key}`;
        out.push(path);
        walk(path);
      }
    };
    walk('');
    return out;
  }
}

/** Kahn's topological sort, taking the earliest-seen key among those ready (and on a cycle). */
function ordered(level: Level): string[] {
  const waiting = new Map<string, number>([...level.first.keys()].map((key) => [key, 0]));
  for (const after of level.next.values())
    for (const key of after) waiting.set(key, (waiting.get(key) ?? 0) + 1);
  const remaining = new Set(level.first.keys());
  const byFirstSeen = (a: string, b: string) => level.first.get(a)! - level.first.get(b)!;
  const out: string[] = [];
  while (remaining.size > 0) {
    const candidates = [...remaining].sort(byFirstSeen);
    const key = candidates.find((candidate) => waiting.get(candidate) === 0) ?? candidates[0]!;
    remaining.delete(key);
    out.push(key);
    for (const following of level.next.get(key) ?? [])
      if (remaining.has(following)) waiting.set(following, waiting.get(following)! - 1);
  }
  return out;
}
