import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Logform, transports } from 'winston';
import type TransportStream from 'winston-transport';

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
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'a'));
    return { transport: new transports.File({ filename: path, format }) };
  } catch (problem) {
    return { problem };
  }
}
