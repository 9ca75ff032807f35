// Copies Monaco's prebuilt AMD bundle into public/monaco/vs, where the query editor
// loads it from (loader.config in src/components/data-explorer/query-editor.tsx).
// Connect never loads the editor from a CDN: a self-hosted install may have no
// internet, and the Content-Security-Policy allows this origin only.
import { cpSync, existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// monaco-editor's exports map hides package.json, so find the package the way pnpm links it.
const packageDir = realpathSync(fileURLToPath(new URL('../node_modules/monaco-editor', import.meta.url)));
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const target = fileURLToPath(new URL('../public/monaco/', import.meta.url));
const stamp = join(target, 'VERSION');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) process.exit(0);
rmSync(target, { recursive: true, force: true });
cpSync(join(packageDir, 'min', 'vs'), join(target, 'vs'), { recursive: true });
writeFileSync(stamp, version);
console.log(`Monaco ${version} copied to public/monaco/vs`);
