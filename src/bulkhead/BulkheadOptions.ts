import type { PartitionKey } from '../call/PartitionKey';

/** Options of `@Bulkhead`. */
export interface BulkheadOptions<A extends unknown[] = unknown[]> {
  /** How many calls may run at once (per key). Required. */
  readonly concurrency: number;
  /**
   * How many more may wait for a slot, first come first served; beyond that a call is rejected
   * at once with `BulkheadRejectedError`. @default 0
   */
  readonly queue?: number;
  /**
   * One bulkhead per key instead of one per method.
   * @default one bulkhead per method
   * @example key: (tenant: string) => tenant
   */
  readonly key?: PartitionKey<A>;
}
