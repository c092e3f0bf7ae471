import { findInChain, ownStatus } from '../matching/errorFacts';

function headerOf(link: unknown): unknown {
  if (typeof link !== 'object' || link === null) return undefined;
  const bag = link as { headers?: unknown; response?: { headers?: unknown } };
  const headers = bag.headers ?? bag.response?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get('retry-after');
  const record = headers as Record<string, unknown>;
  return record['retry-after'] ?? record['Retry-After'];
}

/**
 * The wait a server asked for with `Retry-After` on a 429 or 503 anywhere along the cause chain,
 * in ms from `now()`: delta-seconds or an HTTP date (a past date means 0). Undefined when there
 * is none or it cannot be read.
 */
export function retryAfterMs(error: unknown, now: () => number): number | undefined {
  const header = findInChain(error, retryAfterHeader);
  return header === undefined ? undefined : msUntil(header, now);
}

// Apart from `retryAfterMs`, which runs at every retry and almost always finds no header: V8
// inlines a caller's callees only within a budget of bytecode, spent here on a rare path.
function msUntil(header: string, now: () => number): number | undefined {
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** The `Retry-After` value of one 429 or 503 error, trimmed, when it has a usable one. */
function retryAfterHeader(link: unknown): string | undefined {
  const status = ownStatus(link);
  if (status !== 429 && status !== 503) return undefined;
  const value = headerOf(link);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return /^\d+$/.test(text) || !Number.isNaN(Date.parse(text)) ? text : undefined;
}
