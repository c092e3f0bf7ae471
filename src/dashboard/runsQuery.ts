import type { HistoryQuery } from '../jobs/RunHistory';
import type { RunOutcome } from '../jobs/RunRecord';

/** The largest page the runs API serves. */
export const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 50;
const OUTCOMES: readonly RunOutcome[] = ['succeeded', 'failed', 'timedOut', 'aborted'];

/** A page of runs asked for: newest first, page `page` of `size`. */
export interface RunsQuery {
  readonly page: number;
  readonly size: number;
  readonly history: HistoryQuery;
}

function integer(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  return Number(raw);
}

/**
 * `?job=&outcome=&code=&page=&size=` as a history query that reads one page (and one record more,
 * to tell whether there is a next page).
 * @throws RangeError for a bad page, size or outcome (the API answers 400 with its message).
 */
export function parseRunsQuery(params: URLSearchParams): RunsQuery {
  const page = integer(params, 'page', 0, 0, Number.MAX_SAFE_INTEGER);
  const size = integer(params, 'size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const outcome = params.get('outcome') || undefined;
  if (outcome !== undefined && !OUTCOMES.includes(outcome as RunOutcome)) throw new RangeError(`outcome must be one of ${OUTCOMES.join(', ')}, got '${outcome}'`);
  const code = params.get('code') || undefined;
  const job = params.get('job') || undefined;
  const where = outcome === undefined && code === undefined ? undefined : (record: { outcome: string; errorCode?: string }) => (outcome === undefined || record.outcome === outcome) && (code === undefined || record.errorCode === code);
  return { page, size, history: { job, where, skip: page * size, limit: size + 1 } };
}
