import { causeChain, ownStatus } from '../matching/errorFacts';

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
 * in ms from `nowMs`: delta-seconds or an HTTP date (a past date means 0). Undefined when there
 * is none or it cannot be read.
 */
export function retryAfterMs(error: unknown, nowMs: number): number | undefined {
  for (const link of causeChain(error)) {
    const status = ownStatus(link);
    if (status !== 429 && status !== 503) continue;
    const value = headerOf(link);
    if (typeof value !== 'string' || value.trim() === '') continue;
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    const date = Date.parse(text);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return undefined;
}
