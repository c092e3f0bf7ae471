import { STATUS_CODES } from 'node:http';
import { checkFunction, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { HttpError } from '../http/HttpError';
import type { Fault, FaultContext, PrecedingFault, ThrowingFault } from './Fault';
import { describeCode, systemError } from './nodeErrors';

/** The network faults mendkit shapes like Node's, with the system call Node names in each. */
const NETWORK_SYSCALLS = Object.freeze({
  ECONNRESET: 'read',
  EPIPE: 'write',
  ECONNREFUSED: 'connect',
  ECONNABORTED: 'connect',
  ETIMEDOUT: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EAI_AGAIN: 'getaddrinfo',
  ENOTFOUND: 'getaddrinfo',
});

/** A network error code {@link faults.network} can inject. */
export type NetworkFaultCode = keyof typeof NETWORK_SYSCALLS;

/** Options of {@link faults.network}. */
export interface NetworkFaultOptions {
  /** Wrap the error as `fetch` does: `TypeError('fetch failed')` with the system error as `cause`. @default false */
  readonly fetch?: boolean;
  /** The peer's address in `connect` errors. @default '192.0.2.1' (a documentation address) */
  readonly address?: string;
  /** The peer's port in `connect` errors. @default 443 */
  readonly port?: number;
  /** The name looked up in `getaddrinfo` errors. @default 'api.example.invalid' */
  readonly hostname?: string;
}

/** The file-system error codes {@link faults.fs} can inject, with the system call each names by default. */
const FS_SYSCALLS = Object.freeze({
  ENOENT: 'open',
  EACCES: 'open',
  EPERM: 'open',
  EROFS: 'open',
  EEXIST: 'open',
  EMFILE: 'open',
  ENOSPC: 'write',
  EBUSY: 'rename',
});

/** A file-system error code {@link faults.fs} can inject. */
export type FsFaultCode = keyof typeof FS_SYSCALLS;

/** Options of {@link faults.fs}. */
export interface FsFaultOptions {
  /** The file the failed call was about; a function picks it from the call (e.g. its first argument). */
  readonly path?: string | ((context: FaultContext) => string);
  /** The second path of a `rename`, `copyfile` or `link`. */
  readonly dest?: string;
  /** The system call Node names. @default 'open' (ENOSPC: 'write', EBUSY: 'rename') */
  readonly syscall?: string;
}

/** Options of {@link faults.http}. */
export interface HttpFaultOptions {
  /** The `Retry-After` header: seconds, or an HTTP date. */
  readonly retryAfter?: number | string;
  /** The URL the response came from. */
  readonly url?: string;
  /** The start of the response body. @default '' */
  readonly body?: string;
}

function checkCode<T extends object>(site: string, code: unknown, known: T): asserts code is keyof T {
  if (typeof code !== 'string' || !Object.hasOwn(known, code)) {
    throw new ConfigError(`${site}: unknown code ${JSON.stringify(code)}; known codes: ${Object.keys(known).join(', ')}`);
  }
}

function fetchFailed(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}

function network(code: NetworkFaultCode, options: NetworkFaultOptions = {}): ThrowingFault {
  const site = `faults.network(${JSON.stringify(code)})`;
  checkCode(site, code, NETWORK_SYSCALLS);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['fetch', 'address', 'port', 'hostname']);
  checkOneOf(site, 'fetch', options.fetch, [true, false]);
  checkInteger(site, 'port', options.port, 1);
  const syscall = NETWORK_SYSCALLS[code];
  const { address = '192.0.2.1', port = 443, hostname = 'api.example.invalid' } = options;
  const create = (): Error => {
    if (syscall === 'connect') return systemError(`connect ${code} ${address}:${port}`, { code, syscall, address, port });
    if (syscall === 'getaddrinfo') return systemError(`getaddrinfo ${code} ${hostname}`, { code, syscall, hostname });
    return systemError(`${syscall} ${code}`, { code, syscall });
  };
  return {
    kind: 'throw',
    name: code,
    create: options.fetch === true ? () => fetchFailed(create()) : create,
  };
}

function http(status: number, options: HttpFaultOptions = {}): ThrowingFault {
  const site = `faults.http(${status})`;
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new ConfigError(`${site}: the status must be an integer from 400 to 599`);
  }
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['retryAfter', 'url', 'body']);
  const { retryAfter, url, body } = options;
  if (retryAfter !== undefined && typeof retryAfter !== 'string') checkNonNegative(site, 'retryAfter', retryAfter);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  const statusText = STATUS_CODES[status] ?? '';
  return {
    kind: 'throw',
    name: `HTTP_${status}`,
    create: () => new HttpError({ status, statusText, url, headers, body }),
  };
}

function fs(code: FsFaultCode, options: FsFaultOptions = {}): ThrowingFault {
  const site = `faults.fs(${JSON.stringify(code)})`;
  checkCode(site, code, FS_SYSCALLS);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['path', 'dest', 'syscall']);
  const { path, dest, syscall = FS_SYSCALLS[code] } = options;
  if (typeof path !== 'function' && path !== undefined && typeof path !== 'string') {
    throw new ConfigError(`${site}: \`path\` must be a string or a function of the call`);
  }
  const description = `${code}: ${describeCode(code)}, ${syscall}`;
  return {
    kind: 'throw',
    name: code,
    create: (context) => {
      const file = typeof path === 'function' ? path(context) : path;
      const where = (file === undefined ? '' : ` '${file}'`) + (dest === undefined ? '' : ` -> '${dest}'`);
      return systemError(description + where, { code, syscall, path: file, dest });
    },
  };
}

function latency(ms: number): PrecedingFault {
  checkNonNegative(`faults.latency(${ms})`, 'ms', ms);
  return { kind: 'before', name: `latency(${ms}ms)`, run: ({ clock, signal }) => clock.sleep(ms, signal) };
}

function before(name: string, run: (context: FaultContext) => Promise<void> | void): PrecedingFault {
  checkFunction(`faults.before(${JSON.stringify(name)})`, 'run', run);
  return { kind: 'before', name, run: async (context) => run(context) };
}

function custom(name: string, create: (context: FaultContext) => unknown): ThrowingFault {
  checkFunction(`faults.custom(${JSON.stringify(name)})`, 'create', create);
  return { kind: 'throw', name, create };
}

/**
 * Faults shaped like the real thing, for {@link FaultInjector} rules: the same `code`, `errno`,
 * `syscall`, message and fields Node gives, so matchers, `@Retry` and healers treat an injected
 * fault exactly as they would the real one.
 * @example
 * faults.network('ECONNRESET', { fetch: true }) // TypeError('fetch failed') caused by "read ECONNRESET"
 * faults.http(503, { retryAfter: 2 })           // HttpError 503 with Retry-After: 2
 * faults.fs('ENOENT', { path: '/data/out/report.csv' })
 * faults.latency(200)                           // waits 200 ms on the CLOCK, then runs the method
 * @namespace
 */
export const faults = Object.freeze({
  /**
   * A network error as Node reports it: `read ECONNRESET`, `connect ECONNREFUSED 192.0.2.1:443`,
   * `getaddrinfo EAI_AGAIN api.example.invalid`…, with `errno`, `code` and `syscall`; with
   * `fetch: true`, wrapped as `fetch` wraps it.
   * @throws ConfigError for an unknown code or option.
   */
  network,
  /**
   * An HTTP failure response as mendkit's {@link HttpError} (what `raiseForStatus` throws),
   * with its status text and an optional `Retry-After`.
   * @throws ConfigError for a status outside 400–599 or a bad option.
   */
  http,
  /**
   * A file-system error as Node reports it, e.g. `ENOENT: no such file or directory, open '/x'`
   * with `errno`, `code`, `syscall` and `path`.
   * @throws ConfigError for an unknown code or option.
   */
  fs,
  /** Waits `ms` on the CLOCK before the method runs; the attempt's abort (`@Timeout`) cuts it short. */
  latency,
  /**
   * Runs `run` before the method, then the method itself: break something for real (remove a
   * directory, close a connection) and let the method meet the real fault.
   */
  before,
  /** Throws whatever `create` returns, made afresh for each attempt. */
  custom,
});

/** The codes {@link faults.network} knows. */
export const NETWORK_FAULT_CODES: readonly string[] = Object.freeze(Object.keys(NETWORK_SYSCALLS));
/** The codes {@link faults.fs} knows. */
export const FS_FAULT_CODES: readonly string[] = Object.freeze(Object.keys(FS_SYSCALLS));

/** Whether `value` is a {@link Fault}. */
export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, name } = value as Partial<Fault>;
  return typeof name === 'string' && (kind === 'throw' || kind === 'before');
}
