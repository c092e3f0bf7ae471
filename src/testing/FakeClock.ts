import type { Clock, TimerHandle } from '../clock/Clock';

/** Options of {@link FakeClock}. */
export interface FakeClockOptions {
  /** The starting time, in ms since the epoch. @default 0 */
  readonly now?: number;
  /**
   * Let `sleep` move time forward by itself and resolve at once, so code that only waits
   * (backoff) runs straight through while `sleeps` records every wait. @default false
   */
  readonly autoAdvance?: boolean;
}

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock for tests: time moves only when told, so delays are asserted exactly and nothing
 * sleeps for real. Register it under `CLOCK`.
 * @example
 * const clock = new FakeClock({ autoAdvance: true });
 * container.register(CLOCK, { useValue: clock });
 * await service.sync();
 * assert.deepEqual(clock.sleeps, [1000, 2000]);
 */
export class FakeClock implements Clock {
  /** Every wait asked of `sleep`, in order. */
  readonly sleeps: number[] = [];
  private time: number;
  private readonly autoAdvance: boolean;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(options: FakeClockOptions = {}) {
    this.time = options.now ?? 0;
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.autoAdvance) {
      this.fireUntil(this.time + ms);
      // A timer that fired meanwhile (a timeout) may have aborted the wait, as it would for real.
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.clearTimer(handle);
        reject(signal?.reason);
      };
      const handle = this.setTimer(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + ms, callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** How many timers (sleeps included) are waiting: 0 after a clean test. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward by `ms`, firing due timers in time order and letting promises settle
   * after each, so code that sets a new timer when one fires is followed through.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = this.nextDue(target);
      if (due === undefined) break;
      this.fire(due);
    }
    this.time = target;
    await settle();
  }

  private nextDue(until: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers) {
      if (timer.at <= until && (next === undefined || timer.at < next.at)) next = timer;
    }
    return next;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }

  private fireUntil(target: number): void {
    for (let due = this.nextDue(target); due !== undefined; due = this.nextDue(target)) this.fire(due);
    this.time = target;
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
