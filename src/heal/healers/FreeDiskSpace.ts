import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, normalize, sep } from 'node:path';
import { checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject } from '../../config/validate';
import { ConfigError } from '../../errors/ConfigError';
import { HealFailedError } from '../../errors/HealFailedError';
import { errors } from '../../matching/errors';
import { getOrCreate } from '../../support/getOrCreate';
import type { HealContext, Healer } from '../Healer';
import { type CacheFile, cacheFiles } from './freeDiskSpace/cacheFiles';
import { HeldDirectory, isGone } from './freeDiskSpace/HeldDirectory';
import { protectedRoot } from './freeDiskSpace/protectedRoot';
import { untrustedParent } from './freeDiskSpace/untrustedParent';

/** Options of {@link FreeDiskSpace}. */
export interface FreeDiskSpaceOptions {
  /** Absolute paths of the cache or temp directories it may delete files in. Nothing outside them is touched. */
  readonly roots: readonly string[];
  /** Stop once this many bytes are freed. */
  readonly bytesToFree: number;
  /** Log what would be removed, remove nothing (the heal then fails, and the error goes on). @default false */
  readonly dryRun?: boolean;
  /**
   * Accept roots that are, or hold, a system directory (`/etc`, `/usr`…), a shared one (`/var`,
   * `/tmp`, `/home`, `/root`…), the user's home or the current directory. `/` is refused whatever
   * this says. @default false
   */
  readonly allowProtectedRoots?: boolean;
  /**
   * Accept a root with a directory above it that users other than root and this process's user
   * can write to (not sticky): they could make the root's path lead elsewhere. @default false
   */
  readonly allowSharedParents?: boolean;
}

/** What one removal did: whether it took the file's last link, and the bytes that freed. */
interface Removal {
  readonly last: boolean;
  readonly bytes: number;
}

const NAME = 'FreeDiskSpace';
const OPTIONS = ['roots', 'bytesToFree', 'dryRun', 'allowProtectedRoots', 'allowSharedParents'];

function checkRoots(roots: unknown, allowProtected: boolean): readonly string[] {
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
    const path = normal.endsWith(sep) ? normal.slice(0, -1) : normal;
    const reason = allowProtected ? undefined : protectedRoot(path);
    if (reason !== undefined) {
      throw new ConfigError(
        `${NAME}: refusing the root ${path}: ${reason}; name your application's own cache directory ` +
          '(or pass `allowProtectedRoots: true` if you really mean it)',
      );
    }
    return path;
  });
}

/** The links found for each file (device and inode), oldest file first. */
function filesOldestFirst(links: readonly CacheFile[]): CacheFile[][] {
  const byInode = new Map<string, CacheFile[]>();
  for (const link of links) getOrCreate(byInode, `${link.dev}:${link.ino}`, () => []).push(link);
  return [...byInode.values()].sort((a, b) => a[0]!.mtimeMs - b[0]!.mtimeMs);
}

/**
 * Heals ENOSPC by deleting regular files inside the configured cache/temp roots, oldest first
 * (by modification time), until `bytesToFree` bytes are freed or nothing is left; logs every
 * file it removes (`heal.fileRemoved`). It never deletes outside the roots, even while another
 * process renames directories or swaps them for symlinks: each root and directory is held open
 * (opened without following a symlink), and each file is checked and removed by its name in the
 * held directory it was found in, through Linux's `/proc/self/fd` (so it deletes only on Linux).
 * It never deletes directories, symlinks, or a file with a hard link outside the roots (that
 * frees nothing). Files that vanish meanwhile are skipped. When nothing could be freed (or in
 * `dryRun`), the heal fails and the ENOSPC goes on.
 * @example
 * container.register(FreeDiskSpace, {
 *   useValue: new FreeDiskSpace({ roots: ['/var/cache/reports'], bytesToFree: 512 * 1024 * 1024 }),
 * });
 * @throws ConfigError for missing or bad options (it has no defaults for where to delete), and
 * for a root that is `/`, relative, has `..`, or is a system, shared, home or current directory
 * (or above one) without `allowProtectedRoots`.
 */
export class FreeDiskSpace implements Healer {
  private readonly roots: readonly string[];
  private readonly bytesToFree: number;
  private readonly dryRun: boolean;
  private readonly allowSharedParents: boolean;

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
    checkKnownKeys(NAME, options, OPTIONS);
    checkInteger(NAME, 'bytesToFree', options.bytesToFree, 1);
    if (options.bytesToFree === undefined) throw new ConfigError(`${NAME}: \`bytesToFree\` is required`);
    for (const flag of ['dryRun', 'allowProtectedRoots', 'allowSharedParents'] as const) {
      checkOneOf(NAME, flag, options[flag], [true, false]);
    }
    this.roots = checkRoots(options.roots, options.allowProtectedRoots === true);
    this.bytesToFree = options.bytesToFree;
    this.dryRun = options.dryRun ?? false;
    this.allowSharedParents = options.allowSharedParents ?? false;
  }

  matches(error: unknown): boolean {
    return errors.noSpace.matches(error);
  }

  async heal(_error: unknown, context: HealContext): Promise<void> {
    if (process.platform !== 'linux') {
      throw new HealFailedError(NAME, `deletes only on Linux, where /proc/self/fd lets it remove files without a race; this is ${process.platform}`);
    }
    const held: (HeldDirectory | undefined)[] = [];
    try {
      for (const root of this.roots) held.push(await this.openRoot(root, context));
      const found = await Promise.all(held.map((root, index) => (root ? cacheFiles(root, index, this.roots[index]!) : [])));
      let freed = 0;
      let files = 0;
      for (const links of filesOldestFirst(found.flat())) {
        if (freed >= this.bytesToFree) break;
        // Another link lives outside the roots: removing these would free nothing.
        if (links.length < links[0]!.links) continue;
        let removed = 0;
        for (const link of links) {
          const removal = await this.remove(link, held[link.root]!, removed);
          if (removal === undefined) continue;
          removed += 1;
          freed += removal.bytes;
          if (removal.last) files += 1;
          this.logRemoval(context, link, removal.bytes);
        }
      }
      if (this.dryRun) throw new HealFailedError(NAME, `dry run: would have freed ${freed} bytes in ${files} file(s)`);
      if (files === 0) throw new HealFailedError(NAME, `nothing left to delete under ${this.roots.join(', ')} that would free space`);
    } finally {
      await Promise.all(held.map((root) => root?.close()));
    }
  }

  /** One cleanup at a time, whatever filled the disk. */
  flightKey(): unknown {
    return this;
  }

  /** Holds `root` open for this heal, or logs why it is skipped. */
  private async openRoot(root: string, context: HealContext): Promise<HeldDirectory | undefined> {
    const skip = (reason: string): undefined => {
      context.logger.warn(`${NAME}: skipping root ${root}: ${reason}`, { event: 'heal.rootSkipped', method: context.method, root, reason });
      return undefined;
    };
    let directory: HeldDirectory;
    try {
      const shared = this.allowSharedParents ? undefined : await untrustedParent(root);
      if (shared !== undefined) return skip(`${shared}, so others could make the path lead elsewhere (\`allowSharedParents\` accepts that)`);
      directory = await HeldDirectory.open(root);
    } catch (error) {
      if (!isGone(error)) throw error;
      return skip((error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symlink, not followed' : 'not a directory');
    }
    try {
      if (!(await directory.addressable())) {
        throw new HealFailedError(NAME, 'deletes only where /proc/self/fd leads to its open directories (Linux with /proc mounted)');
      }
      const real = await realpath(root);
      const reason = real === root ? undefined : protectedRoot(real);
      if (reason === undefined) return directory;
      await directory.close();
      return skip(`it leads to ${real}, and ${reason}`);
    } catch (error) {
      await directory.close();
      throw error;
    }
  }

  /**
   * Removes one link of a chosen file by its name in the directory it was found in, reached again
   * from the held root; undefined when that is gone or the name now holds another file.
   * @param removed how many of the file's other links this heal removed already
   */
  private remove(link: CacheFile, root: HeldDirectory, removed: number): Promise<Removal | undefined> {
    return root.at(link.dirs, async (directory) => {
      const now = await directory.stat(link.name);
      if (!now.isFile() || now.dev !== link.dev || now.ino !== link.ino) return undefined;
      if (!this.dryRun) await directory.remove(link.name);
      // A dry run removes nothing, so it counts the links it would have removed itself.
      const last = now.nlink - (this.dryRun ? removed : 0) === 1;
      return { last, bytes: last ? now.size : 0 };
    });
  }

  private logRemoval(context: HealContext, file: CacheFile, bytes: number): void {
    const verb = this.dryRun ? 'would remove' : 'removed';
    context.logger.warn(`${NAME} ${verb} ${file.path} (${bytes} bytes)`, {
      event: 'heal.fileRemoved',
      method: context.method,
      path: file.path,
      bytes,
      dryRun: this.dryRun,
    });
  }
}
