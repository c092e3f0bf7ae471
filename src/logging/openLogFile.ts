import { closeSync, createWriteStream, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type * as RotatingFileStream from 'rotating-file-stream' with { 'resolution-mode': 'import' };
import type { LogRotation } from './LogFileOptions';
import { makeDirectory } from './makeDirectory';
import type { FileIdentity } from './settleTail';

// The package's one set of types is marked ESM; its CommonJS build has the same API.
const { createStream } = require('rotating-file-stream') as typeof RotatingFileStream;

/** The default of {@link LogRotation.keep}. */
const KEEP_ROTATED = 7;

/** An opened log file: the stream to append to, and which file it is when mendkit opened it. */
export interface OpenedLogFile {
  readonly stream: Writable;
  readonly identity?: FileIdentity;
}

/**
 * A file left ending mid-line (a crash, or a cut-short write that could not be undone) gets
 * that line ended, so that the next line starts on its own.
 */
function endWithNewline(fd: number): void {
  const { size } = fstatSync(fd);
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] !== 0x0a) writeSync(fd, '\n');
}

function rotatingStream(path: string, rotation: LogRotation): Writable {
  const { maxSize } = rotation;
  const options: RotatingFileStream.Options = { path: dirname(path), rotate: rotation.keep ?? KEEP_ROTATED };
  if (maxSize !== undefined) options.size = typeof maxSize === 'number' ? `${maxSize}B` : maxSize;
  if (rotation.daily === true) options.interval = '1d';
  // 'gzip' compresses in-process; `true` would run a shell pipeline on the file names.
  if (rotation.gzip === true) options.compress = 'gzip';
  return createStream(basename(path), options);
}

/**
 * Opens `path` for appending, creating its directory if missing, now — so a path that cannot be
 * written is known at once rather than as a stream error later.
 * @throws the error of the directory or the file (EACCES, ENOTDIR, EROFS…).
 */
export function openLogFile(path: string, rotation: LogRotation | undefined): OpenedLogFile {
  makeDirectory(dirname(path));
  const fd = openSync(path, 'a+');
  try {
    endWithNewline(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (rotation !== undefined) {
    closeSync(fd);
    return { stream: rotatingStream(path, rotation) };
  }
  const { dev, ino } = fstatSync(fd);
  return { stream: createWriteStream(path, { fd }), identity: { dev, ino } };
}
