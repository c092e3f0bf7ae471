import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkKnownKeys, checkOptionsObject } from '../config/validate';

/** Options of {@link withTempDir}. */
export interface TempDirOptions {
  /** The start of the directory's name. @default 'mendkit-' */
  readonly prefix?: string;
  /** Where to create it. @default os.tmpdir() */
  readonly parent?: string;
}

async function remove(directory: string): Promise<void> {
  try {
    await rm(directory, { recursive: true, force: true });
  } catch (error) {
    // Failing the caller now would lose its result (or hide its error) for a leftover directory.
    process.emitWarning(`could not remove temporary directory ${directory}: ${(error as Error).message}`, {
      code: 'MENDKIT_TEMP_LEFT_BEHIND',
    });
  }
}

/**
 * Runs `fn` with a fresh temporary directory and removes it (and all inside) when `fn` ends,
 * whatever the outcome. A directory that cannot be removed is reported with a process warning
 * (`MENDKIT_TEMP_LEFT_BEHIND`) rather than replacing `fn`'s result or error.
 * @example const rows = await withTempDir(async (dir) => { await download(url, `${dir}/dump.csv`); return parse(`${dir}/dump.csv`); });
 */
export async function withTempDir<T>(fn: (directory: string) => Promise<T> | T, options: TempDirOptions = {}): Promise<T> {
  checkOptionsObject('withTempDir()', options);
  checkKnownKeys('withTempDir()', options, ['prefix', 'parent']);
  const directory = await mkdtemp(path.join(options.parent ?? tmpdir(), options.prefix ?? 'mendkit-'));
  try {
    return await fn(directory);
  } finally {
    await remove(directory);
  }
}

/**
 * Runs `fn` with the path of a temporary file (not yet created) named `name`, in a temporary
 * directory removed when `fn` ends, whatever the outcome.
 * @example await withTempFile('dump.sql', async (file) => { await exec(`pg_dump -f ${file}`); await upload(file); });
 */
export function withTempFile<T>(name: string, fn: (file: string) => Promise<T> | T, options: TempDirOptions = {}): Promise<T> {
  return withTempDir((directory) => fn(path.join(directory, path.basename(name))), options);
}
