import { getSystemErrorMap } from 'node:util';

/** Node's system error fields: what `code`-based matchers and healers read. */
export interface SystemErrorFields {
  readonly code: string;
  readonly errno: number;
  readonly syscall: string;
  readonly path?: string;
  readonly dest?: string;
  readonly address?: string;
  readonly port?: number;
  readonly hostname?: string;
}

/** libuv's description and (negative) errno of each error name, as Node reports them. */
const byName = new Map<string, { errno: number; description: string }>();
for (const [errno, [name, description]] of getSystemErrorMap()) byName.set(name, { errno, description });
// Node reports getaddrinfo's EAI_NONAME as ENOTFOUND, keeping libuv's errno.
byName.set('ENOTFOUND', { errno: byName.get('EAI_NONAME')?.errno ?? -3008, description: 'not found' });

/** The description libuv gives `code`, e.g. "no such file or directory" for ENOENT. */
export function describeCode(code: string): string {
  return byName.get(code)?.description ?? 'unknown error';
}

/**
 * An `Error` with the fields and key order Node gives a system error (`errno`, `code`,
 * `syscall`, then `path`/`dest`/`address`/`port`/`hostname` when set) and the given message.
 */
export function systemError(message: string, fields: Omit<SystemErrorFields, 'errno'>): Error {
  const error = new Error(message) as Error & Record<string, unknown>;
  error.errno = byName.get(fields.code)?.errno ?? 0;
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) error[key] = value;
  return error;
}
