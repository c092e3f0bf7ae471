import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';

// O_NOFOLLOW: the last component must not be a symlink (ELOOP). O_DIRECTORY: it must be a directory (ENOTDIR).
const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** Codes meaning "that entry is gone or is no longer a directory": someone else changed it meanwhile. */
const GONE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

/** Whether `error` says an entry vanished or was replaced while we looked at it. */
export function isGone(error: unknown): boolean {
  return GONE.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/** For `.catch`: undefined when the entry vanished or was replaced, else the error again. */
export function unlessGone(error: unknown): undefined {
  if (isGone(error)) return undefined;
  throw error;
}

/**
 * A directory held open, whose entries are addressed through `/proc/self/fd/<fd>/<name>`. Linux
 * resolves `/proc/self/fd/<fd>` to the open directory itself, not to a path: this is Node's
 * `openat`/`unlinkat`. Whatever is renamed or swapped for a symlink after it was opened, an
 * entry of a held directory is an entry of that very directory.
 */
export class HeldDirectory {
  private constructor(
    private readonly handle: FileHandle,
    /** The directory's device and inode, from the open handle. */
    readonly dev: number,
    readonly ino: number,
  ) {}

  /**
   * Opens the directory at absolute `path` without following a symlink at its last component.
   * @throws ELOOP for a symlink, ENOTDIR for a non-directory, ENOENT when missing.
   */
  static async open(path: string): Promise<HeldDirectory> {
    const handle = await open(path, DIRECTORY_FLAGS);
    try {
      const info = await handle.stat();
      return new HeldDirectory(handle, info.dev, info.ino);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Whether `/proc/self/fd/<fd>` leads to this directory here (Linux with /proc mounted). */
  async addressable(): Promise<boolean> {
    try {
      const info = await stat(this.address);
      return info.dev === this.dev && info.ino === this.ino;
    } catch {
      return false;
    }
  }

  /** Opens the subdirectory `name` of this directory, never through a symlink. @throws as `open` does. */
  child(name: string): Promise<HeldDirectory> {
    return HeldDirectory.open(this.entry(name));
  }

  /**
   * Runs `act` in the directory reached from this one through the subdirectories `names`, each
   * opened without following a symlink and on this directory's filesystem, and closes them after.
   * Resolves with undefined, without acting, when one of them is gone, is no longer a directory
   * or lies on another filesystem; and when `act` meets an entry that vanished.
   */
  async at<T>(names: readonly string[], act: (directory: HeldDirectory) => Promise<T>): Promise<T | undefined> {
    const opened: HeldDirectory[] = [];
    try {
      let current: HeldDirectory = this;
      for (const name of names) {
        current = await current.child(name);
        opened.push(current);
        if (current.dev !== this.dev) return undefined;
      }
      return await act(current);
    } catch (error) {
      return unlessGone(error);
    } finally {
      await Promise.all(opened.map((directory) => directory.close()));
    }
  }

  /** This directory's entries. */
  list(): Promise<Dirent[]> {
    return readdir(this.address, { withFileTypes: true });
  }

  /** The entry `name` itself (a symlink is not followed). */
  stat(name: string): Promise<Stats> {
    return lstat(this.entry(name));
  }

  /** Removes the entry `name` of this directory (a symlink itself, never its target). */
  remove(name: string): Promise<void> {
    return unlink(this.entry(name));
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private get address(): string {
    return `/proc/self/fd/${this.handle.fd}`;
  }

  private entry(name: string): string {
    return `${this.address}/${name}`;
  }
}
