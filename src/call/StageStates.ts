import { getOrCreate } from '../support/getOrCreate';

/**
 * State that a stage keeps across calls (a breaker's counts, a bulkhead's slots), held per
 * container so tests stay isolated. Grouped by the stage's settings object, which outlives
 * pipeline rebuilds, then by partition key (`undefined` when the stage has no `key`).
 */
export class StageStates<T> {
  private readonly groups = new Map<object, Map<string | undefined, T>>();

  /** The states of one decorated method, by key. */
  of(settings: object): Map<string | undefined, T> {
    return getOrCreate(this.groups, settings, () => new Map());
  }

  /** Every state, grouped by method in the order they were first used. */
  *values(): IterableIterator<T> {
    for (const group of this.groups.values()) yield* group.values();
  }
}
