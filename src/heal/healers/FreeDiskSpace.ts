import { lstat, readdir, realpath, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject } from '../../config/validate';
import { ConfigError } from '../../errors/ConfigError';
import { HealFailedError } from '../../errors/HealFailedError';
import { errors } from '../../matching/errors';
import type { HealContext, Healer } from '../Healer';

/** Options of {@link FreeDiskSpace}. */
export interface FreeDiskSpaceOptions {
  /** Absolute paths of the cache or temp directories it may delete files in. Nothing outside them is touched. */
  readonly roots: readonly string[];
  /** Stop once this many bytes are freed. */
  readonly bytesToFree: number;
  /** Log what would be removed, remove nothing (the heal then fails, and the error goes on). @default false */
  readonly dryRun?: boolean;
}

/** A regular file found under a root. */
interface Candidate {
  readonly path: string;
  readonly root: string;
  readonly bytes: number;
  readonly mtimeMs: number;
}

const NAME = 'FreeDiskSpace';

/** Whether `path` is `root` or lies below it (both already resolved, no symlinks). */
function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function checkRoots(roots: unknown): readonly string[] {
  if (!Array.isArray(roots) || roots.length === 0) {
    throw new ConfigError(`${NAME}: \`roots\` must be a non-empty list of absolute directory paths`);
  }
  return roots.map((root: unknown) => {
    if (typeof root !== 'string' || !isAbsolute(root)) {
      throw new ConfigError(`${NAME}: every root must be an absolute path, got ${String(root)}`);
    }
    if (root.split(/[\\/]/).includes('..')) {
      throw new ConfigError(`${NAME}: the root ${root} contains \`..\`; name the directory itself`);
    }
    const normal = normalize(root);
    if (dirname(normal) === normal) throw new ConfigError(`${NAME}: refusing the filesystem root as a cache root`);
    return normal.endsWith(sep) ? normal.slice(0, -1) : normal;
  });
}

/**
 * Heals ENOSPC by deleting regular files inside the configured cache/temp roots, oldest first
 * (by modification time), until `bytesToFree` bytes are freed or nothing is left; logs every
 * file it removes (`heal.fileRemoved`). It never deletes outside the roots: roots with `..` are
 * refused, symlinks are neither followed nor deleted, a root that is itself a symlink is
 * skipped, and each file's directory is re-checked against its root just before deleting.
 * It never deletes directories. When nothing could be freed (or in `dryRun`), the heal fails
 * and the ENOSPC goes on.
 * @example
 * container.register(FreeDiskSpace, {
 *   useValue: new FreeDiskSpace({ roots: ['/var/cache/reports'], bytesToFree: 512 * 1024 * 1024 }),
 * });
 * @throws ConfigError for missing or bad options (it has no defaults for where to delete).
 */
export class FreeDiskSpace implements Healer {
  private readonly roots: readonly string[];
  private readonly bytesToFree: number;
  private readonly dryRun: boolean;

  // The default makes the constructor's length 0, so the container constructs an unregistered
  // FreeDiskSpace and this constructor, not tsyringe, explains what is missing.
  constructor(options: FreeDiskSpaceOptions | undefined = undefined) {
    if (options === undefined) {
      throw new ConfigError(
        `${NAME} needs to be told where it may delete: register it with its roots, e.g. ` +
          `container.register(FreeDiskSpace, { useValue: new FreeDiskSpace({ roots: ['/var/cache/app'], bytesToFree: 1e9 }) })`,
      );
    }
    checkOptionsObject(NAME, options);
    checkKnownKeys(NAME, options, ['roots', 'bytesToFree', 'dryRun']);
    checkInteger(NAME, 'bytesToFree', options.bytesToFree, 1);
    if (options.bytesToFree === undefined) throw new ConfigError(`${NAME}: \`bytesToFree\` is required`);
    checkOneOf(NAME, 'dryRun', options.dryRun, [true, false]);
    this.roots = checkRoots(options.roots);
    this.bytesToFree = options.bytesToFree;
    this.dryRun = options.dryRun ?? false;
  }

  matches(error: unknown): boolean {
    return errors.noSpace.matches(error);
  }

  async heal(_error: unknown, context: HealContext): Promise<void> {
    const candidates = (await Promise.all(this.roots.map((root) => this.filesUnder(root, context)))).flat();
    candidates.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let freed = 0;
    let removed = 0;
    for (const file of candidates) {
      if (freed >= this.bytesToFree) break;
      if (!(await this.stillInside(file))) continue;
      if (!this.dryRun) await unlink(file.path);
      freed += file.bytes;
      removed++;
      this.logRemoval(context, file);
    }
    if (this.dryRun) throw new HealFailedError(NAME, `dry run: would have freed ${freed} bytes in ${removed} file(s)`);
    if (removed === 0) throw new HealFailedError(NAME, `nothing left to delete under ${this.roots.join(', ')}`);
  }

  /** One cleanup at a time, whatever filled the disk. */
  flightKey(): unknown {
    return this;
  }

  private async filesUnder(root: string, context: HealContext): Promise<Candidate[]> {
    const info = await lstat(root).catch(() => undefined);
    if (info === undefined || !info.isDirectory()) {
      context.logger.warn(`${NAME}: skipping root ${root}: not a directory (a symlink is not followed)`, {
        event: 'heal.rootSkipped',
        method: context.method,
        root,
      });
      return [];
    }
    const found: Candidate[] = [];
    const walk = async (directory: string): Promise<void> => {
      for (const entry of await readdir(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          const stats = await lstat(path);
          found.push({ path, root, bytes: stats.size, mtimeMs: stats.mtimeMs });
        }
        // Symlinks, sockets, devices: never followed, never deleted.
      }
    };
    await walk(root);
    return found;
  }

  /** Guards against a directory swapped for a symlink between the walk and the delete. */
  private async stillInside(file: Candidate): Promise<boolean> {
    try {
      const [realRoot, realDirectory, stats] = await Promise.all([
        realpath(file.root),
        realpath(dirname(file.path)),
        lstat(file.path),
      ]);
      return stats.isFile() && isInside(realRoot, realDirectory);
    } catch {
      return false;
    }
  }

  private logRemoval(context: HealContext, file: Candidate): void {
    const verb = this.dryRun ? 'would remove' : 'removed';
    context.logger.warn(`${NAME} ${verb} ${file.path} (${file.bytes} bytes)`, {
      event: 'heal.fileRemoved',
      method: context.method,
      path: file.path,
      bytes: file.bytes,
      dryRun: this.dryRun,
    });
  }
}
