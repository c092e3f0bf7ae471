/** A call waiting for a slot. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

/**
 * The slots of one bulkhead: at most `concurrency` holders at once, and up to `queue` waiting,
 * first come first served. A freed slot goes straight to the first waiter, so a newcomer can
 * never overtake the queue.
 */
/** One bulkhead as `bulkheads()` lists it, for health endpoints, metrics and the dashboard. */
export interface BulkheadSnapshot {
  /** `Class.method`. */
  readonly name: string;
  /** The key, when the method has one bulkhead per key. */
  readonly key: string | undefined;
  /** Slots in all, and places in the queue. */
  readonly concurrency: number;
  readonly queue: number;
  /** Slots held by running attempts now, and attempts waiting for one. */
  readonly inUse: number;
  readonly queued: number;
}

export class Bulkhead {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
    /** `Class.method`, and the key when the method has one bulkhead per key: for snapshots. */
    private readonly name: string,
    private readonly key: string | undefined,
  ) {}

  /** How it stands now. */
  snapshot(): BulkheadSnapshot {
    return { name: this.name, key: this.key, concurrency: this.concurrency, queue: this.queue, inUse: this.running, queued: this.waiting.length };
  }

  /** Takes a slot if one is free now. */
  tryAcquire(): boolean {
    if (this.running >= this.concurrency) return false;
    this.running += 1;
    return true;
  }

  /** Whether a call that found no free slot may wait. */
  get canQueue(): boolean {
    return this.waiting.length < this.queue;
  }

  /**
   * Waits for a slot, leaving the queue when `signal` aborts.
   * @returns a promise that resolves holding a slot, or rejects with the abort reason.
   */
  waitForSlot(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Frees a slot: hands it to the first waiter, if any. */
  release(): void {
    const waiter = this.waiting.shift();
    if (waiter === undefined) {
      this.running -= 1;
      return;
    }
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.resolve();
  }
}
