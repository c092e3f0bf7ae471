import { MAX_CAUSE_DEPTH, ownStatus } from '../matching/errorFacts';

/** An error as a plain object, ready for a JSON log line. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | number;
  readonly errno?: number;
  readonly syscall?: string;
  readonly path?: string;
  readonly url?: string;
  /** The HTTP status, from `status`, `statusCode` or `response.status`. */
  readonly status?: number;
  readonly stack?: string;
  readonly cause?: SerializedError | string;
  /** An `AggregateError`'s errors (at most `MAX_AGGREGATED`, 10). */
  readonly errors?: readonly (SerializedError | string)[];
}

/** How many of an `AggregateError`'s errors are kept. */
export const MAX_AGGREGATED = 10;

type Bag = Record<string, unknown>;

const FACTS = ['code', 'errno', 'syscall', 'path', 'url'] as const;

function read(error: Bag, key: string): unknown {
  try {
    return error[key];
  } catch {
    return undefined;
  }
}

function statusOf(error: Bag): number | undefined {
  try {
    return ownStatus(error);
  } catch {
    return undefined;
  }
}

function describe(value: unknown, seen: Set<unknown>, depth: number): SerializedError | string {
  if (typeof value !== 'object' || value === null) return String(value);
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_CAUSE_DEPTH) return '[Too deep]';
  seen.add(value);
  const error = value as Bag;
  const name = read(error, 'name');
  const message = read(error, 'message');
  const out: Record<string, unknown> = {
    name: typeof name === 'string' ? name : (error.constructor as { name?: string } | undefined)?.name ?? 'Error',
    message: typeof message === 'string' ? message : String(message ?? ''),
  };
  for (const key of FACTS) {
    const fact = read(error, key);
    if (typeof fact === 'string' || typeof fact === 'number') out[key] = fact;
  }
  const status = statusOf(error);
  if (status !== undefined) out.status = status;
  const stack = read(error, 'stack');
  if (typeof stack === 'string') out.stack = stack;
  const cause = read(error, 'cause');
  if (cause !== undefined) out.cause = describe(cause, seen, depth + 1);
  const errors = read(error, 'errors');
  if (Array.isArray(errors)) {
    out.errors = errors.slice(0, MAX_AGGREGATED).map((inner) => describe(inner, seen, depth + 1));
  }
  return out as unknown as SerializedError;
}

/**
 * An error as a plain object: name, message, code, errno, syscall, path, url, HTTP status, stack,
 * the `cause` chain (at most `MAX_CAUSE_DEPTH` deep; a cycle ends in `'[Circular]'`) and an
 * `AggregateError`'s errors. Never throws, even on hostile objects (throwing getters).
 * @example serializeError(new Error('boom', { cause: err })).cause
 */
export function serializeError(error: unknown): SerializedError {
  const described = describe(error, new Set(), 0);
  return typeof described === 'string' ? { name: typeof error, message: described } : described;
}
