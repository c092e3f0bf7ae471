import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Logform, transports } from 'winston';
import type TransportStream from 'winston-transport';

/**
 * `mkdir -p`, one level at a time: Node's own recursive mkdir loops forever where a parent
 * exists but refuses children with ENOENT (under /proc).
 */
function makeDirectory(directory: string): void {
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

/** A file transport, or why there cannot be one. */
export type FileTransportResult =
  | { readonly transport: TransportStream; readonly problem?: undefined }
  | { readonly transport?: undefined; readonly problem: unknown };

/**
 * A transport appending to `path`, after creating its directory if missing and checking the
 * file can be opened for appending — so a bad path is found now, not as an unhandled stream
 * error later.
 */
export function fileTransport(path: string, format: Logform.Format): FileTransportResult {
  try {
    makeDirectory(dirname(path));
    closeSync(openSync(path, 'a'));
    return { transport: new transports.File({ filename: path, format }) };
  } catch (problem) {
    return { problem };
  }
}
