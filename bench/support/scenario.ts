/**
 * A benchmark scenario: one file in bench/scenarios/ whose default export is this.
 * `pnpm bench` runs every scenario; `pnpm bench <name>` runs one.
 */
export interface BenchScenario {
  name: string;
  description: string;
  /** Runs the scenario, logging progress; returns its final `key=value ...` line. */
  run(log: (line: string) => void): Promise<string>;
}
