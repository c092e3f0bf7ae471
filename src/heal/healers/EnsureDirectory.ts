import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { causeChain, ownCode } from '../../matching/errorFacts';
import type { HealContext, Healer } from '../Healer';

/** The system calls whose ENOENT can mean "the directory to write into is missing". */
const WRITE_SYSCALLS = new Set(['open', 'mkdtemp', 'copyfile', 'rename', 'link']);
/** Of those, the ones whose destination is `dest` (their `path` is the source, which must exist). */
const TWO_PATH_SYSCALLS = new Set(['copyfile', 'rename', 'link']);

interface FsError {
  readonly syscall?: unknown;
  readonly path?: unknown;
  readonly dest?: unknown;
}

/**
 * The directory a failed write needed, or undefined when the failure is not "parent directory
 * missing": a missing file in an existing directory (a read) or a missing source does not count.
 * Node reports no open flags, so an `open` is taken for a write exactly when its parent is missing.
 */
function missingParentOf(error: unknown): string | undefined {
  const link = causeChain(error).find((candidate) => ownCode(candidate) === 'ENOENT');
  if (link === undefined) return undefined;
  const { syscall, path, dest } = link as FsError;
  if (typeof syscall !== 'string' || !WRITE_SYSCALLS.has(syscall)) return undefined;
  let target = path;
  if (TWO_PATH_SYSCALLS.has(syscall)) {
    if (typeof path !== 'string' || !existsSync(path)) return undefined;
    target = dest;
  }
  if (typeof target !== 'string') return undefined;
  const parent = dirname(resolve(target));
  return existsSync(parent) ? undefined : parent;
}

/**
 * Heals ENOENT on a write, append, open-for-write, copy/rename/link destination or `mkdtemp`
 * whose parent directory is missing: creates that directory (recursively), then the call re-runs.
 * It never creates a file, never changes permissions, and does not match a missing file whose
 * directory exists (a read of a missing file is a real error).
 * @example \@Heal(EnsureDirectory) async save(path: string, data: string) { await writeFile(path, data); }
 */
export class EnsureDirectory implements Healer {
  matches(error: unknown): boolean {
    return missingParentOf(error) !== undefined;
  }

  async heal(error: unknown, context: HealContext): Promise<void> {
    const directory = missingParentOf(error);
    if (directory === undefined) return; // created meanwhile by someone else: just re-run
    await mkdir(directory, { recursive: true });
    context.logger.info(`created missing directory ${directory}`, {
      event: 'heal.directoryCreated',
      method: context.method,
      directory,
    });
  }

  /** One heal per missing directory, however many calls wait for it. */
  flightKey(error: unknown): unknown {
    return missingParentOf(error);
  }
}
