import type { Stats } from 'node:fs';

/** What tells a file's versions apart without reading it: a rename over it changes the inode. */
function versionOf(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * The files a watch trigger's watchers have seen, each with the version last seen, so that a
 * watcher opened again after one was lost reports the files added or changed meanwhile and not
 * again those already reported. It compares versions, not times: a file moved in keeps its old
 * mtime, and file times are coarser than the clock. A file rewritten to the same size within the
 * file system's mtime granularity looks unchanged — only reading it could tell.
 */
export class SeenFiles {
  private readonly versions = new Map<string, string>();
  private scanned = false;

  /** True once a watcher's first scan ended: before, what is new cannot be told from what was there. */
  get known(): boolean {
    return this.scanned;
  }

  /** Records `file` as it is now; true when it is new or changed since it was last seen. */
  see(file: string, stats: Stats | undefined): boolean {
    if (stats === undefined) {
      this.versions.delete(file);
      return true;
    }
    const version = versionOf(stats);
    const changed = this.versions.get(file) !== version;
    this.versions.set(file, version);
    return changed;
  }

  /** `file` was removed. */
  forget(file: string): void {
    this.versions.delete(file);
  }

  /** A watcher's scan ended having found `files`: any other file was removed meanwhile. */
  scanEnded(files: ReadonlySet<string>): void {
    for (const file of this.versions.keys()) if (!files.has(file)) this.versions.delete(file);
    this.scanned = true;
  }

  /** The watched path was replaced: nothing seen in the old one says anything about the new one. */
  clear(): void {
    this.versions.clear();
    this.scanned = false;
  }
}
