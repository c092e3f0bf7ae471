import { join } from 'node:path';
import { HeldDirectory, unlessGone } from './HeldDirectory';

/** A regular file found under a root, as the walk saw it. */
export interface CacheFile {
  /** Which root (its index in the healer's list). */
  readonly root: number;
  /** The subdirectories from the root down to the file's directory. */
  readonly dirs: readonly string[];
  readonly name: string;
  /** The path it was found at, for logs. */
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  readonly bytes: number;
  readonly mtimeMs: number;
  /** Its hard-link count. */
  readonly links: number;
}

/**
 * The regular files under the held `root`, reached without following a symlink and without
 * leaving the root's filesystem. Entries that vanish or change type meanwhile are skipped.
 */
export async function cacheFiles(root: HeldDirectory, index: number, rootPath: string): Promise<CacheFile[]> {
  const found: CacheFile[] = [];
  const walk = async (directory: HeldDirectory, dirs: readonly string[]): Promise<void> => {
    const entries = await directory.list().catch(unlessGone);
    for (const entry of entries ?? []) {
      if (entry.isDirectory()) {
        await directory.at([entry.name], (child) => walk(child, [...dirs, entry.name]));
      } else if (entry.isFile()) {
        const info = await directory.stat(entry.name).catch(unlessGone);
        if (info?.isFile()) {
          const { dev, ino, size, mtimeMs, nlink } = info;
          const path = join(rootPath, ...dirs, entry.name);
          found.push({ root: index, dirs, name: entry.name, path, dev, ino, bytes: size, mtimeMs, links: nlink });
        }
      }
      // Symlinks, sockets, devices: never followed, never deleted.
    }
  };
  await walk(root, []);
  return found;
}
