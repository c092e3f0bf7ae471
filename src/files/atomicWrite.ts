import { type FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { checkKnownKeys, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { isStaleTemp, ownedTempName } from './tempOwner';

/** What {@link atomicWrite} writes: all at once, or chunk by chunk as it arrives. */
export type AtomicWriteData = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Options of {@link atomicWrite}. */
export interface AtomicWriteOptions {
  /** The file's mode. @default the replaced file's mode, else 0o666 less the umask */
  readonly mode?: number;
  /** How strings are encoded. @default 'utf8' */
  readonly encoding?: BufferEncoding;
}

function isChunks(data: AtomicWriteData): data is AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> {
  return typeof data !== 'string' && !(data instanceof Uint8Array);
}

async function existingMode(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems cannot sync a directory; the rename itself has still happened.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Removes the temporary files for `file` that writers killed mid-write left behind. */
async function removeStaleTemps(directory: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch {
    return; // the write itself will say what is wrong with the directory
  }
  await Promise.all(entries.filter((entry) => isStaleTemp(entry, name)).map((entry) => unlink(path.join(directory, entry)).catch(() => undefined)));
}

async function writeAll(handle: FileHandle, data: AtomicWriteData, encoding: BufferEncoding): Promise<void> {
  if (!isChunks(data)) {
    await handle.writeFile(data, { encoding });
    return;
  }
  for await (const chunk of data) {
    await handle.write(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
  }
}

/**
 * Replaces `file` so that readers only ever see the old content or the whole new one: writes a
 * temporary file in the same directory, fsyncs it, renames it over `file`, then fsyncs the
 * directory so the rename survives a power cut. On any failure (a full disk, a throwing data
 * source) the temporary file is removed, the old file is left as it was, and the original error
 * is thrown. After a crash (`kill -9`) the old file is intact and the temporary file,
 * `.<name>.mendkit-<host>-<boot>-<pid>-<random>.tmp`, remains until the next write to the same
 * file removes it — only once its writer is known to be gone: same host (hash of the hostname),
 * and an earlier boot or a pid that no longer exists. Files from other hosts on a shared volume
 * are left alone.
 * @example await atomicWrite('/var/reports/daily.json', JSON.stringify(report));
 * @throws whatever the filesystem throws (ENOENT when the directory is missing, ENOSPC…), unchanged.
 */
export async function atomicWrite(file: string, data: AtomicWriteData, options: AtomicWriteOptions = {}): Promise<void> {
  checkOptionsObject('atomicWrite()', options);
  checkKnownKeys('atomicWrite()', options, ['mode', 'encoding']);
  if (typeof file !== 'string' || file === '') throw new ConfigError('atomicWrite(): `file` must be a non-empty path');
  const directory = path.dirname(file);
  const name = path.basename(file);
  await removeStaleTemps(directory, name);
  const temporary = path.join(directory, ownedTempName(name));
  const mode = options.mode ?? (await existingMode(file)) ?? 0o666;
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'wx', mode);
    await writeAll(handle, data, options.encoding ?? 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(directory);
}
