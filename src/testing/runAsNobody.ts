import { spawn } from 'node:child_process';

/** The unprivileged user and group (nobody/nogroup): root ignores file permissions, nobody does not. */
export const NOBODY = 65534;

/** What a function run by {@link runAsNobody} returned, and what the child printed. */
export interface NobodyRun<T> {
  readonly value: T;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runAsNobody}. */
export interface RunAsNobodyOptions {
  /** The child's working directory: where its `require`s resolve from. @default process.cwd() */
  readonly cwd?: string;
}

/** Runs in the child: calls the function and writes its outcome to fd 3. */
const RUNNER = `
const { writeSync } = require('node:fs');
const [source, args] = JSON.parse(process.argv[1]);
const report = (outcome) => writeSync(3, JSON.stringify(outcome));
Promise.resolve()
  .then(() => (0, eval)('(' + source + ')')(...args))
  .then((value) => report({ value: value === undefined ? null : value }), (e) => {
    const error = { name: e?.name, message: String(e?.message ?? e) };
    for (const key of ['code', 'errno', 'syscall', 'path', 'dest']) if (e?.[key] !== undefined) error[key] = e[key];
    report({ error });
  });`;

function spawnAs(node: string, payload: string, cwd: string) {
  return spawn(node, ['-e', RUNNER, payload], { uid: NOBODY, gid: NOBODY, cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
}

/**
 * Runs `fn(...args)` in a child Node process as uid/gid 65534, so permission faults (EACCES,
 * EPERM) are real even when the tests run as root. `fn` is sent as source: it must not use
 * variables from outside it (pass them as JSON-serialisable `args`; `require` works inside).
 * Resolves with what it returned (JSON-serialised); rejects with its error (name, message,
 * `code`, `errno`, `syscall`, `path`). Needs root; put fixtures under the temp dir, where nobody
 * can reach them.
 * @example
 * await assert.rejects(
 *   runAsNobody((file) => require('node:fs').writeFileSync(file, 'x'), [join(dir.path, 'locked.txt')]),
 *   { code: 'EACCES' },
 * );
 */
export async function runAsNobody<T = unknown>(
  fn: (...args: never[]) => T | Promise<T>,
  args: readonly unknown[] = [],
  options: RunAsNobodyOptions = {},
): Promise<NobodyRun<Awaited<T>>> {
  const payload = JSON.stringify([fn.toString(), args]);
  const cwd = options.cwd ?? process.cwd();
  let result = await collect(spawnAs(process.execPath, payload, cwd));
  // When this node lives where nobody may not reach it (a private install), use the one on PATH.
  if (result.spawnError === 'EACCES' || result.status === 126) result = await collect(spawnAs('node', payload, cwd));
  const { outcome, stdout, stderr } = result;
  if (outcome === undefined) throw new Error(`runAsNobody: the child ended (status ${result.status}) without a result: ${stderr}`);
  const parsed = JSON.parse(outcome) as { value?: Awaited<T>; error?: Record<string, unknown> };
  if (parsed.error !== undefined) {
    const { message, ...fields } = parsed.error;
    throw Object.assign(new Error(String(message)), fields, { stdout, stderr });
  }
  return { value: parsed.value as Awaited<T>, stdout, stderr };
}

interface Collected {
  readonly outcome: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  readonly spawnError: string | undefined;
}

function collect(child: ReturnType<typeof spawnAs>): Promise<Collected> {
  const chunks = { stdout: '', stderr: '', outcome: '' };
  child.stdout?.on('data', (data: Buffer) => (chunks.stdout += data));
  child.stderr?.on('data', (data: Buffer) => (chunks.stderr += data));
  child.stdio[3]?.on('data', (data: Buffer) => (chunks.outcome += data));
  return new Promise((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ outcome: undefined, stdout: '', stderr: '', status: null, spawnError: error.code }),
    );
    child.on('close', (status) =>
      resolve({ outcome: chunks.outcome || undefined, stdout: chunks.stdout, stderr: chunks.stderr, status, spawnError: undefined }),
    );
  });
}
