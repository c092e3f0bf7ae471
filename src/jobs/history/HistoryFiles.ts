import { readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** `runs.20260101T030000123Z.4242.000001.jsonl`: sorts by when it was rotated. */
const ROTATED = /^runs\.\d{8}T\d{9}Z\.\d+\.\d{6}\.jsonl$/;

/**
 * The files of a run history: `runs.jsonl`, being appended to, and the rotated ones, named so
 * that several processes rotating at once never pick the same name (time, pid, a counter).
 */
export class HistoryFiles {
  /** The file being appended to. */
  readonly current: string;
  private rotations = 0;

  constructor(
    readonly directory: string,
    private readonly maxFiles: number,
  ) {
    this.current = path.join(directory, 'runs.jsonl');
  }

  /** Every file, newest first: `runs.jsonl`, then the rotated ones. */
  async newestFirst(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const rotated = names.filter((name) => ROTATED.test(name)).sort().reverse();
    return [this.current, ...rotated.map((name) => path.join(this.directory, name))];
  }

  /**
   * Renames `runs.jsonl` aside and removes the oldest rotated files past `maxFiles`. Another
   * process may have rotated it first: then there is nothing to rename, which is fine.
   */
  async rotate(): Promise<void> {
    this.rotations += 1;
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const name = `runs.${stamp}.${process.pid}.${String(this.rotations % 1e6).padStart(6, '0')}.jsonl`;
    try {
      await rename(this.current, path.join(this.directory, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const files = await this.newestFirst();
    await Promise.all(files.slice(this.maxFiles).map((file) => unlink(file).catch(() => undefined)));
  }
}
