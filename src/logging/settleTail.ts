import { open, type FileHandle } from 'node:fs/promises';

/** Which file a path named when it was opened: its device and inode. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

const NEWLINE = 0x0a;

async function openTail(path: string): Promise<{ handle: FileHandle; writable: boolean } | undefined> {
  try {
    return { handle: await open(path, 'r+'), writable: true };
  } catch {
    // A read-only volume: the tail can still be read, though not cut.
    return open(path, 'r').then((handle) => ({ handle, writable: false }), () => undefined);
  }
}

/**
 * How many of `lines` (in order) the file ends with, right after a line boundary: `end` is where
 * the whole lines of `tail` stop; `wholeFile` says the tail starts at the file's first byte.
 */
function linesAtEnd(tail: Buffer, end: number, lines: readonly Buffer[], wholeFile: boolean): number {
  for (let count = lines.length; count > 0; count--) {
    let at = end;
    let index = count - 1;
    for (; index >= 0; index--) {
      const line = lines[index]!;
      if (at < line.length || tail.compare(line, 0, line.length, at - line.length, at) !== 0) break;
      at -= line.length;
    }
    if (index < 0 && (at === 0 ? wholeFile : tail[at - 1] === NEWLINE)) return count;
  }
  return 0;
}

/**
 * After a file stopped taking writes: which of the lines not confirmed written are really missing
 * from it. A write cut short (a full disk takes what fits) leaves part of a line at the end: that
 * part is cut off, so the file ends with whole lines and the line goes whole to the fallback. A
 * short write can even have been reported as done (`lastWritten`, by libraries that ignore the
 * count): it is checked too. When the file cannot be read or is no longer the one written
 * (`identity`), every unconfirmed line counts as missing: a line twice beats a line lost.
 * @returns the missing lines, in order.
 */
export async function settleTail(
  path: string,
  identity: FileIdentity | undefined,
  lastWritten: string | undefined,
  unwritten: readonly string[],
): Promise<string[]> {
  const candidates = lastWritten === undefined ? unwritten : [lastWritten, ...unwritten];
  const opened = candidates.length === 0 ? undefined : await openTail(path);
  if (opened === undefined) return [...unwritten];
  const { handle, writable } = opened;
  try {
    const stats = await handle.stat();
    if (identity !== undefined && (stats.dev !== identity.dev || stats.ino !== identity.ino)) return [...unwritten];
    const buffers = candidates.map((line) => Buffer.from(line));
    const length = Math.min(stats.size, buffers.reduce((sum, line) => sum + line.length, 0) + 1);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, stats.size - length);
    let end = length;
    if (length > 0 && tail[length - 1] !== NEWLINE) {
      const cut = tail.lastIndexOf(NEWLINE) + 1;
      // No line start within reach: the end of the file is not a line of ours.
      if (cut === 0 && length < stats.size) return [...unwritten];
      if (writable) await handle.truncate(stats.size - (length - cut));
      end = cut;
    }
    const found = linesAtEnd(tail, end, buffers, length === stats.size);
    if (lastWritten === undefined) return unwritten.slice(found);
    return found === 0 ? [...candidates] : unwritten.slice(found - 1);
  } catch {
    return [...unwritten];
  } finally {
    await handle.close();
  }
}
