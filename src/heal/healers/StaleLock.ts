import { readFile, stat, unlink } from 'node:fs/promises';
import { HealFailedError } from '../../errors/HealFailedError';
import { checkFunction, checkKnownKeys, checkNonNegative, checkOptionsObject } from '../../config/validate';
import { causeChain, ownCode } from '../../matching/errorFacts';
import type { HealContext, Healer } from '../Healer';
import { processAlive } from './processAlive';

/** Options of {@link StaleLock}. */
export interface StaleLockOptions {
  /** A lock younger than this (by its modification time) is never removed. @default 60_000 */
  readonly maxAgeMs?: number;
  /** Which paths are lock files. @default paths ending in `.lock` or `.pid` */
  readonly isLockFile?: (path: string) => boolean;
}

const LOCK_CODES = new Set(['EEXIST', 'EBUSY']);
const NAME = 'StaleLock';

function defaultIsLockFile(path: string): boolean {
  return path.endsWith('.lock') || path.endsWith('.pid');
}

/** The owner pid a lock file records: its content as a bare number, or JSON with a `pid` field. */
function recordedPid(content: string): number | undefined {
  const text = content.trim();
  let pid: unknown = /^\d+$/.test(text) ? Number(text) : undefined;
  if (pid === undefined && text.startsWith('{')) {
    try {
      pid = (JSON.parse(text) as { pid?: unknown }).pid;
    } catch {
      return undefined;
    }
  }
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Heals EEXIST/EBUSY on a lock file that is older than `maxAgeMs` and whose recorded owner
 * process is not alive on this machine: removes the lock, then the call re-runs. It never
 * touches a lock whose owner is alive, whose owner it cannot read, or that is younger than
 * `maxAgeMs`, and never removes anything but the lock file named by the error.
 * @example
 * container.register(StaleLock, { useValue: new StaleLock({ maxAgeMs: 5 * 60_000 }) }); // optional
 * \@Heal(StaleLock) async run() { await writeFile('/var/run/report.pid', String(process.pid), { flag: 'wx' }); }
 * @throws ConfigError for a bad option.
 */
export class StaleLock implements Healer {
  private readonly maxAgeMs: number;
  private readonly isLockFile: (path: string) => boolean;

  constructor(options: StaleLockOptions = {}) {
    checkOptionsObject(NAME, options);
    checkKnownKeys(NAME, options, ['maxAgeMs', 'isLockFile']);
    checkNonNegative(NAME, 'maxAgeMs', options.maxAgeMs);
    checkFunction(NAME, 'isLockFile', options.isLockFile);
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.isLockFile = options.isLockFile ?? defaultIsLockFile;
  }

  matches(error: unknown): boolean {
    return this.lockPathOf(error) !== undefined;
  }

  async heal(error: unknown, context: HealContext): Promise<void> {
    const path = this.lockPathOf(error)!;
    const [info, content] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    // File times are wall-clock times, so the age is measured against the wall clock.
    const ageMs = Date.now() - info.mtimeMs;
    if (ageMs < this.maxAgeMs) throw new HealFailedError(NAME, `${path} is only ${Math.round(ageMs)} ms old`);
    const pid = recordedPid(content);
    if (pid === undefined) throw new HealFailedError(NAME, `${path} records no owner pid; left alone`);
    if (processAlive(pid)) throw new HealFailedError(NAME, `${path} is held by live process ${pid}; left alone`);
    await unlink(path);
    context.logger.warn(`removed stale lock ${path} (owner ${pid} is gone)`, {
      event: 'heal.lockRemoved',
      method: context.method,
      path,
      pid,
      ageMs: Math.round(ageMs),
    });
  }

  /** One removal per lock file. */
  flightKey(error: unknown): unknown {
    return this.lockPathOf(error);
  }

  private lockPathOf(error: unknown): string | undefined {
    for (const link of causeChain(error)) {
      const code = ownCode(link);
      const path = (link as { path?: unknown }).path;
      if (code !== undefined && LOCK_CODES.has(code) && typeof path === 'string' && this.isLockFile(path)) return path;
    }
    return undefined;
  }
}
