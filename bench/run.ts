import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchScenario } from './support/scenario';

/**
 * `pnpm bench` runs every scenario in bench/scenarios/; `pnpm bench preview` runs
 * one (several names run several). A scenario is a file whose default export is a
 * BenchScenario; adding one needs no change here. Each prints progress, then its
 * final `key=value` line; the final lines are repeated at the end as a summary.
 */
const directory = fileURLToPath(new URL('./scenarios/', import.meta.url));
const available = (await readdir(directory))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}

const summary: string[] = [];
for (const name of requested.length > 0 ? requested : available) {
  const scenario = (
    (await import(pathToFileURL(`${directory}${name}.ts`).href)) as { default: BenchScenario }
  ).default;
  console.log(`[bench] ${scenario.name}: ${scenario.description}`);
  const started = performance.now();
  const line = await scenario.run((text) => console.log(`[bench] ${text}`));
  console.log(`[bench] ${scenario.name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(line);
  summary.push(line);
}
if (summary.length > 1) {
  console.log('[bench] summary');
  for (const line of summary) console.log(line);
}
