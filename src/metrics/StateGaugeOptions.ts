import type { DependencyContainer } from 'tsyringe';

/** Options of {@link observeState}. */
export interface StateGaugeOptions {
  /** Whose breakers and bulkheads to observe. @default the container mendkit is configured with */
  readonly container?: DependencyContainer;
  /**
   * Add each breaker's and bulkhead's key (`mendkit.key`) to its gauges. Off by default: a key
   * made from arguments (a host, a tenant) can make a series per value. @default false
   */
  readonly keys?: boolean;
}
