import type { Services } from '../call/Services';
import { BulkheadRejectedError } from '../errors/BulkheadRejectedError';
import { logEvent } from '../call/logEvent';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import { Bulkhead } from './Bulkhead';
import type { BulkheadSettings } from './BulkheadSettings';
import { bulkheadStates } from './bulkheadStates';

/**
 * `@Bulkhead`: an attempt runs once it holds one of the method's (or its key's) slots, waits in
 * the queue while there is room (leaving it if its signal aborts), or is rejected at once with
 * `BulkheadRejectedError`. The slot is freed as soon as the attempt settles.
 */
export class BulkheadStage implements Invoker {
  private readonly bulkheads: Map<string | undefined, Bulkhead>;
  /** The one bulkhead of a method without `key`, looked up once. */
  private readonly single: Bulkhead | undefined;
  /** `@Bulkhead on Class.method`, for errors about a `key` function. */
  private readonly site: string;

  constructor(
    private readonly settings: BulkheadSettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    services: Services,
  ) {
    this.site = `@Bulkhead on ${method.label}`;
    this.bulkheads = bulkheadStates(services.container).of(settings);
    this.single = settings.key === undefined ? this.bulkheadFor(undefined) : undefined;
  }

  async invoke(call: Call): Promise<unknown> {
    const key = this.single === undefined ? partitionOf(this.site, this.settings.key!, call) : undefined;
    const bulkhead = this.single ?? this.bulkheadFor(key);
    if (!bulkhead.tryAcquire()) {
      if (!bulkhead.canQueue) throw this.rejected(key);
      await bulkhead.waitForSlot(call.current.signal);
    }
    try {
      return await this.next.invoke(call);
    } finally {
      bulkhead.release();
    }
  }

  private bulkheadFor(key: string | undefined): Bulkhead {
    let bulkhead = this.bulkheads.get(key);
    if (bulkhead === undefined) {
      bulkhead = new Bulkhead(this.settings.concurrency, this.settings.queue, this.method.label, key);
      this.bulkheads.set(key, bulkhead);
    }
    return bulkhead;
  }

  private rejected(key: string | undefined): BulkheadRejectedError {
    const { concurrency, queue } = this.settings;
    const error = new BulkheadRejectedError(this.method.label, key, concurrency, queue);
    logEvent(this.method, 'warn', 'bulkhead.rejected', error.message, { key, concurrency, queue });
    return error;
  }
}
