import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoPath } from './test-support/repo-root';

// ops/sh/supervise.sh on its own, with small stand-in programs, so its timing can
// be watched closely (start-script's native test drives it with the real app).
let data: string;
let supervisor: ChildProcess | undefined;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'connect-supervise-'));
});
afterEach(() => {
  if (supervisor?.exitCode === null) supervisor.kill('SIGKILL');
  const pid = childPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(data, { recursive: true, force: true });
});

function supervise(program: string): ChildProcess {
  supervisor = spawn('sh', [repoPath('ops/sh/supervise.sh'), 'demo', data, process.execPath, '-e', program], {
    env: { PATH: process.env.PATH, CONNECT_DATA_DIR: data },
    stdio: 'ignore',
  });
  return supervisor;
}

const log = () =>
  existsSync(join(data, 'logs/demo.log')) ? readFileSync(join(data, 'logs/demo.log'), 'utf8') : '';
const supervisorLog = () => readFileSync(join(data, 'logs/supervisor.log'), 'utf8');
const childPid = () =>
  existsSync(join(data, 'run/demo.pid'))
    ? Number(readFileSync(join(data, 'run/demo.pid'), 'utf8'))
    : undefined;
const restarts = () => readFileSync(join(data, 'run/demo.restarts'), 'utf8').trim().split('\t');
const exits = () => log().match(/\[supervisor\] demo: exited .*/g) ?? [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );

describe('supervise.sh', () => {
  it('starts a process that keeps exiting again after 1, 2, then 4 seconds, logging each restart', async () => {
    const started = Date.now();
    supervise('console.log("demo up"); process.exit(3)');
    await expect.poll(() => exits().length, { timeout: 10_000, interval: 100 }).toBe(3);
    // 1 s + 2 s between the three exits (plus the time node takes to start).
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    const timestamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
    const lines = log().split('\n');
    for (const [attempt, delay] of [
      [1, 1],
      [2, 2],
      [3, 4],
    ])
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${timestamp} \\[supervisor\\] demo: exited \\(code 3\\) after \\d+s; restart attempt ${attempt} in ${delay}s$`,
          ),
        ),
      );
    // The program's own output and the supervisor's lines share its log; the
    // supervisor log has the restarts of every process.
    expect(log().match(/^demo up$/gm)).toHaveLength(3);
    expect(supervisorLog()).toContain('demo: exited (code 3) after');
    expect(restarts()).toEqual(['3', expect.stringMatching(new RegExp(`^${timestamp}$`)), 'code 3']);

    // Stopped while it waits 4 seconds: it exits at once and starts nothing more.
    const stopped = Date.now();
    supervisor!.kill('SIGTERM');
    await exited(supervisor!);
    expect(Date.now() - stopped).toBeLessThan(2_000);
    await sleep(4_500);
    expect(exits()).toHaveLength(3);
    expect(log().match(/^demo up$/gm)).toHaveLength(3);
    expect(log()).toMatch(/demo: stopped\n$/);
  });

  it('brings back a process killed with SIGKILL, and on stop ends it and exits without a restart', async () => {
    supervise(
      'console.log("serving"); setInterval(() => {}, 1000); process.on("SIGTERM", () => { console.log("bye"); process.exit(0); })',
    );
    await expect.poll(() => log().includes('serving'), { timeout: 10_000 }).toBe(true);
    const first = childPid()!;
    process.kill(first, 'SIGKILL');
    await expect
      .poll(() => childPid() !== first && log().match(/^serving$/gm)?.length === 2, { timeout: 10_000 })
      .toBe(true);
    expect(exits()).toEqual([
      expect.stringMatching(/exited \(signal KILL\) after \d+s; restart attempt 1 in 1s$/),
    ]);
    const second = childPid()!;
    expect(alive(second)).toBe(true);

    supervisor!.kill('SIGTERM');
    await exited(supervisor!);
    // The process was asked to stop (it said goodbye), is gone, and nothing took its place.
    expect(log()).toMatch(/^bye$/m);
    expect(alive(second)).toBe(false);
    await sleep(1_500);
    expect(childPid()).toBe(second);
    expect(exits()).toHaveLength(1);
  });
});
