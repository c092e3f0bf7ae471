import type { RunRecord } from '../RunRecord';

/** Why a line of a run history is not read as a record. */
export type SkipReason = 'torn' | 'not a run record';

const OUTCOMES = new Set(['succeeded', 'failed', 'timedOut', 'aborted']);
const TEXT_FIELDS = ['id', 'job', 'trigger', 'scheduledAt', 'startedAt', 'endedAt'] as const;
const NUMBER_FIELDS = ['durationMs', 'attempts', 'heals'] as const;

/** Whether `value` has the fields every reader of a {@link RunRecord} relies on, with their types. */
export function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  return (
    TEXT_FIELDS.every((field) => typeof fields[field] === 'string') &&
    NUMBER_FIELDS.every((field) => typeof fields[field] === 'number') &&
    OUTCOMES.has(fields.outcome as string)
  );
}

/**
 * One line of a run history as a record, or why it is not one: `torn` when it is not JSON (a
 * write cut short by a crash), `not a run record` when it is JSON of another shape (`null`, an
 * array, `{"job":"x"}`).
 */
export function parseRunRecord(line: string): RunRecord | SkipReason {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'torn';
  }
  return isRunRecord(value) ? value : 'not a run record';
}
