import { isMendkitError } from '../errors/MendkitError';
import { causeOf, MAX_CAUSE_DEPTH, ownCode, ownName, ownStatus } from './errorFacts';

/** Network error codes the transient classifier retries. */
export const TRANSIENT_NETWORK_CODES: readonly string[] = Object.freeze([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Resource-busy codes the transient classifier retries: the resource frees up on its own. */
export const TRANSIENT_BUSY_CODES: readonly string[] = Object.freeze(['EBUSY', 'EAGAIN']);

/** HTTP statuses the transient classifier retries: 408, 429 and every 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

const transientCodes = new Set([...TRANSIENT_NETWORK_CODES, ...TRANSIENT_BUSY_CODES]);
/**
 * The code last found in `transientCodes`: a retried call tends to fail with one code again and
 * again, and comparing one string costs less than hashing into the set on every failure.
 */
let lastTransientCode: string | undefined;

function isTransientCode(code: string): boolean {
  if (code === lastTransientCode) return true;
  if (!transientCodes.has(code)) return false;
  lastTransientCode = code;
  return true;
}

/**
 * The default retry classifier. Walks the cause chain; an error is transient when some link has
 * a transient code, a transient HTTP status or the name `TimeoutError` (mendkit's, or the
 * `DOMException` from `AbortSignal.timeout`). Everything else is not: a `TypeError` without a
 * network cause, `ReferenceError`, `SyntaxError`, `RangeError`, an `AbortError`, and any
 * mendkit `ConfigError` (checked first, wherever it sits in the chain).
 */
export function isTransient(error: unknown): boolean {
  // One walk, calling the tests directly: it runs on every failure of every retried call.
  let transient = false;
  let current = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    if (isConfigError(current)) return false;
    transient ||= isTransientLink(current);
    current = causeOf(current);
  }
  return transient;
}

function isConfigError(link: unknown): boolean {
  return isMendkitError(link, 'MENDKIT_CONFIG');
}

function isTransientLink(link: unknown): boolean {
  const code = ownCode(link);
  if (code !== undefined && isTransientCode(code)) return true;
  const status = ownStatus(link);
  if (status !== undefined && isTransientStatus(status)) return true;
  return ownName(link) === 'TimeoutError';
}
