import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { REDIS_URL } from './services';

export { REDIS_URL } from './services';

/** A queue name no other test uses, so that its keys are its own. */
export function uniqueQueue(what: string): string {
  return `test-${what}-${process.pid}-${Date.now()}`;
}

/** Removes every key of `queue` (BullMQ's and mendkit's: they share the `mendkit:<queue>:` prefix). */
export async function removeQueueKeys(queue: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `mendkit:${queue}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A private `redis-server` the test can stop and start again, on its own port. With `persist`,
 * an append-only file in `dir` synced on every write makes a restart — even after SIGKILL — come
 * back with the data it had; without, it comes back empty.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly persist: boolean,
  ) {}

  static async start(dir: string, persist = true): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), dir, persist);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', this.persist ? 'yes' : 'no', '--appendfsync', 'always'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    this.process = child;
    let out = '';
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    });
    child.stdout!.resume();
  }

  /** Kills the server (SIGKILL: no goodbye to its clients) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/** The notes the `ticks` fixture wrote: which process started and finished which tick. */
export interface TickNote {
  readonly event: 'started' | 'finished';
  readonly pid: number;
  readonly scheduledAt: number;
  readonly at: number;
}

export function readTickNotes(file: string): TickNote[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as TickNote);
}

/** The compiled worker fixture (a Scheduler on a BullmqRunner, set up from its environment). */
export const WORKER = path.join(__dirname, '..', 'fixtures', 'bullmqWorker.js');
