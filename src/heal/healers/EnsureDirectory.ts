import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
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

/** rmdir codes that mean "not ours to remove any more": someone put something in it, or removed it. */
const KEEP = new Set(['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR']);

/**
 * Removes the directories a heal created — `deepest`, then its parents up to `first` — while
 * they are still empty; returns the ones removed.
 */
async function removeCreated(first: string, deepest: string): Promise<string[]> {
  const removed: string[] = [];
  for (let directory = deepest; ; directory = dirname(directory)) {
    try {
      await rmdir(directory);
    } catch (error) {
      if (KEEP.has(ownCode(error) ?? '')) return removed;
      throw error;
    }
    removed.push(directory);
    if (directory === first || dirname(directory) === directory) return removed;
  }
}

/**
 * Heals ENOENT on a write, append, open-for-write, copy/rename/link destination or `mkdtemp`
 * whose parent directory is missing: creates that directory (recursively), then the call re-runs.
 * It never creates a file, never changes permissions, and does not match a missing file whose
 * directory exists (a read of a missing file is a real error). Node does not say whether an
 * `open` was a read: when the re-run fails with the same ENOENT on the same path, the heal did
 * not help (it was a read in a missing directory), and the directories it created are removed
 * again (those still empty) before the error goes on.
 * @example \@Heal(EnsureDirectory) async save(path: string, data: string) { await writeFile(path, data); }
 */
export class EnsureDirectory implements Healer {
  matches(error: unknown): boolean {
    return missingParentOf(error) !== undefined;
  }

  async heal(error: unknown, context: HealContext): Promise<void> {
    const directory = missingParentOf(error);
    if (directory === undefined) return; // created meanwhile by someone else: just re-run
    const first = await mkdir(directory, { recursive: true });
    if (first !== undefined) {
      context.onUndo(async () => {
        const removed = await removeCreated(first, directory);
        context.logger.info(`removed the directories it had created, which did not help: ${removed.join(', ')}`, {
          event: 'heal.directoryRemoved',
          method: context.method,
          directories: removed,
        });
      });
    }
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
