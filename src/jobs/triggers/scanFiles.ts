import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `root` (or `root` itself when it is a file) with its stats, taken one at a
 * time so a large tree does not flood the thread pool a polling watcher stats on. A file that went
 * between the listing and its stat is left out.
 * @throws the error of listing `root` (ENOENT when it is gone, EMFILE when no descriptor is free).
 */
export async function scanFiles(root: string): Promise<Map<string, Stats>> {
  const names = (await stat(root)).isDirectory() ? (await readdir(root, { recursive: true })).map((name) => path.join(root, name)) : [root];
  const files = new Map<string, Stats>();
  for (const name of names) {
    const stats = await stat(name).catch(() => undefined);
    if (stats?.isFile()) files.set(name, stats);
  }
  return files;
}
