/** Milliseconds `work` takes, measured with the monotonic clock. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs two competitors alternately (so drift in machine load hits both alike) and
 * returns their median times after a warm-up.
 */
export async function compare(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: { warmup: number; rounds: number },
): Promise<{ a: number; b: number }> {
  for (let round = 0; round < options.warmup; round += 1) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    if (round % 2 === 0) {
      timesA.push(await timed(a));
      timesB.push(await timed(b));
    } else {
      timesB.push(await timed(b));
      timesA.push(await timed(a));
    }
  }
  return { a: median(timesA), b: median(timesB) };
}
