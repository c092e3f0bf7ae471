import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir, and a way to remove it with everything in it. */
export interface TempDir {
  readonly path: string;
  /** Removes the directory and everything in it; does nothing when it is already gone. */
  remove(): void;
}

/**
 * Makes a fresh directory under the system temp dir (where an unprivileged child can reach it).
 * @example const dir = tempDir('export'); after(() => dir.remove());
 */
export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `mendkit-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
