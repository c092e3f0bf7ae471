import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`, one level at a time: Node's own recursive mkdir loops forever where a parent
 * exists but refuses children with ENOENT (under /proc).
 * @throws the error of the level that cannot be made (EACCES, ENOTDIR…).
 */
export function makeDirectory(directory: string): void {
  try {
    mkdirSync(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(directory);
    if (code !== 'ENOENT' || parent === directory) throw error;
    makeDirectory(parent);
    mkdirSync(directory);
  }
}
