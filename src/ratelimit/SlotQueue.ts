import type { Clock } from '../clock/Clock';

/** Takes a slot now: 0 when taken, else the ms until one frees. Rejects when it cannot tell. */
export type TakeSlot = () => number | Promise<number>;

/** One `@RateLimit`'s limit (of a method, or of one of its keys) as `rateLimits()` shows it. */
export interface RateLimitSnapshot {
  /** `Class.method`. */
  readonly name: string;
  /** The key, when the method has one limit per key. */
  readonly key: string | undefined;
  /** Calls that may start per window, and the window in ms. */
  readonly limit: number;
  readonly perMs: number;
  /** Whether the slots are in a shared store (`RATE_LIMIT_STORE`) rather than this process's memory. */
  readonly shared: boolean;
  /** Calls of this process waiting for a slot now. */
  readonly queued: number;
}

/** A call waiting for a slot. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  /** The latest time (by the clock) it may get its slot; Infinity without `maxWait`. */
  readonly deadline: number;
  /** Builds its refusal, given the ms until the next slot. */
  readonly refuse: (retryAfterMs: number) => Error;
  readonly signal: AbortSignal;
  readonly leave: () => void;
}

/**
 * The calls of one process waiting on one limit, first come first served. Only the head asks
 * the store for a slot, and only when the last refusal said one is due, so a hundred waiting
 * calls cost one store round trip per slot, not a hundred. A waiter whose deadline comes before
 * the next slot is refused as soon as that is known.
 */
export class SlotQueue {
  private readonly waiting: Waiter[] = [];
  private pumping = false;
  /** When the next slot is due (by the clock), as the last refusal said. */
  private nextSlotAt = 0;

  constructor(
    private readonly takeSlot: TakeSlot,
    private readonly clock: Clock,
    /** What `snapshot` says of this limit besides its queue. */
    private readonly identity: Omit<RateLimitSnapshot, 'queued'>,
  ) {}

  snapshot(): RateLimitSnapshot {
    return { ...this.identity, queued: this.waiting.length };
  }

  /** Takes a slot now if one is free: 0, else the ms until one frees. */
  async tryTake(): Promise<number> {
    return this.takeSlot();
  }

  /**
   * Waits for a slot: resolves holding one, rejects with `refuse(retryAfterMs)` when none can
   * come within `maxWaitMs`, with `signal.reason` when the signal aborts, or with the store's error.
   */
  async acquire(signal: AbortSignal, maxWaitMs: number | undefined, refuse: (retryAfterMs: number) => Error): Promise<void> {
    if (signal.aborted) throw signal.reason;
    if (this.waiting.length === 0) {
      const wait = await this.takeSlot();
      if (wait === 0) return;
      this.nextSlotAt = this.clock.now() + wait;
    }
    const now = this.clock.now();
    const deadline = maxWaitMs === undefined ? Infinity : now + maxWaitMs;
    if (this.nextSlotAt > deadline) throw refuse(this.nextSlotAt - now);
    // Checked again: the signal may have aborted while the store answered.
    if (signal.aborted) throw signal.reason;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        deadline,
        refuse,
        signal,
        leave: () => {
          this.remove(waiter);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.leave, { once: true });
      this.waiting.push(waiter);
      if (!this.pumping) void this.pump();
    });
  }

  /** Hands out slots to the queue, head first, until it is empty. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const due = this.nextSlotAt - this.clock.now();
        if (due > 0) {
          await this.clock.sleep(due);
          continue;
        }
        let wait: number;
        try {
          wait = await this.takeSlot();
        } catch (error) {
          this.settle(this.waiting[0], (waiter) => waiter.reject(error));
          continue;
        }
        // The head may have left while the store answered: a slot taken goes to the new head.
        if (wait === 0) this.settle(this.waiting[0], (waiter) => waiter.resolve());
        else this.refuseLate(wait);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Notes when the next slot is due and refuses every waiter whose deadline comes before it. */
  private refuseLate(wait: number): void {
    const now = this.clock.now();
    this.nextSlotAt = now + wait;
    for (const waiter of this.waiting.filter((w) => w.deadline < this.nextSlotAt)) {
      this.settle(waiter, (late) => late.reject(late.refuse(wait)));
    }
  }

  private settle(waiter: Waiter | undefined, how: (waiter: Waiter) => void): void {
    if (waiter === undefined) return;
    this.remove(waiter);
    waiter.signal.removeEventListener('abort', waiter.leave);
    how(waiter);
  }

  private remove(waiter: Waiter): void {
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }
}
