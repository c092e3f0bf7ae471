import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { after } from 'node:test';
import { waitFor } from './waitFor';

/**
 * The children `spawnMendkit` started that are still running. A test that fails half-way leaves
 * its scheduler running, and a live child keeps the test file's process from ever ending: the
 * runner would wait on it forever. They are killed when the file's tests are over.
 */
const live = new Set<ChildProcess>();
after(() => {
  for (const child of live) child.kill('SIGKILL');
});

/** The compiled CLI and test fixture modules. */
export const CLI = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** Runs `mendkit args…` to completion. */
export function mendkit(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout });
}

/** Starts `mendkit args…` in the background. */
export function spawnMendkit(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    get stderr() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
    /** Resolves when stderr contains `text` (a log line); rejects, showing stderr, after `timeoutMs`. */
    waitFor(text: string, timeoutMs?: number): Promise<boolean> {
      return waitFor(() => stderr.includes(text), { what: () => `"${text}" on stderr; stderr:\n${stderr}`, timeoutMs });
    },
  };
}

/** The JSON log lines of a stderr text with the given `event`. */
export function events(stderr: string, event: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event);
}
