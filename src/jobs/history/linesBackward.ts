import { type FileHandle, open } from 'node:fs/promises';

/** Bytes read per step. */
const CHUNK_BYTES = 64 * 1024;

/** Stands for a line longer than the limit, which is skipped without being held in memory. */
export const OVERLONG = Symbol('overlong line');

async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readAt(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) return buffer.subarray(0, filled); // truncated while being read
    filled += bytesRead;
  }
  return buffer;
}

/**
 * The lines of `file` from the last to the first, read in 64 KiB steps from the end, so that
 * reading the last few lines costs the same in a file of a kilobyte or a terabyte. A line longer
 * than `maxLineBytes` comes as {@link OVERLONG}, never held whole: memory stays under a step plus
 * `maxLineBytes`. A missing file has no lines. Lines come without their newline, as views of
 * the bytes read.
 */
export async function* linesBackward(file: string, maxLineBytes: number): AsyncGenerator<Buffer | typeof OVERLONG> {
  const handle = await openIfExists(file);
  if (handle === undefined) return;
  try {
    let end = (await handle.stat()).size;
    // The start of the file's part read so far, up to its first newline: the end of a line
    // whose beginning is in the steps still to read.
    let rest: Buffer = Buffer.alloc(0);
    let overlong = false;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK_BYTES);
      const chunk = await readAt(handle, end - start, start);
      end = start;
      let stop = chunk.length;
      while (stop > 0) {
        const newline = chunk.lastIndexOf(0x0a, stop - 1);
        if (newline === -1) break;
        const piece = chunk.subarray(newline + 1, stop);
        yield overlong || piece.length + rest.length > maxLineBytes ? OVERLONG : rest.length === 0 ? piece : Buffer.concat([piece, rest]);
        rest = Buffer.alloc(0);
        overlong = false;
        stop = newline;
      }
      if (overlong || stop + rest.length > maxLineBytes) {
        overlong = true;
        rest = Buffer.alloc(0);
      } else if (stop > 0) {
        rest = Buffer.concat([chunk.subarray(0, stop), rest]);
      }
    }
    if (overlong) yield OVERLONG;
    else if (rest.length > 0) yield rest;
  } finally {
    await handle.close();
  }
}
