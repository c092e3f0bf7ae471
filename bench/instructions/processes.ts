import { spawn, spawnSync } from 'node:child_process';

/** A tool the runner needs is not installed. */
export class MissingToolError extends Error {}

/**
 * Throws a `MissingToolError` saying what to install when `command` cannot be started. Only
 * starting counts: `callgrind_annotate --version` exits with 255.
 */
export function requireTool(command: string, install: string): void {
  const { error } = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (error !== undefined) throw new MissingToolError(`${command} is needed and could not be run (${error.message}); install ${install}`);
}

export interface Finished {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` (in `cwd`, by default this process's) to the end and returns what it wrote;
 * `onSpawn` learns its pid first, so that files named after it can be cleaned up if the runner
 * is interrupted. Rejects on a non-zero exit, with the end of its stderr.
 */
export function run(command: string, args: readonly string[], cwd?: string, onSpawn: (pid: number) => void = () => {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onSpawn(child.pid);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const finished = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
      if (code === 0) return resolve(finished);
      const tail = finished.stderr.split('\n').slice(-20).join('\n');
      reject(new Error(`${command} ${args.join(' ')} exited with ${String(code ?? signal)}:\n${tail}`));
    });
  });
}
