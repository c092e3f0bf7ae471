import type { Clock, TimerHandle } from '../clock/Clock';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
  real: NodeJS.Timeout | undefined;
}

/**
 * Real time with the waits taken out: `sleep` (backoff, `Retry-After`, injected latency) returns
 * at once and moves this clock's time forward instead, firing the timers that time passes.
 * Timers (`@Timeout`) also run on real time, so a method stuck in real I/O still times out.
 * What chaos runs use, so a thousand runs with backoff take seconds, not hours.
 * @example container.register(CLOCK, { useValue: new CompressedClock() })
 */
export class CompressedClock implements Clock {
  private skipped = 0;
  private readonly timers = new Set<Timer>();

  /** The waits skipped so far, in ms. */
  get skippedMs(): number {
    return this.skipped;
  }

  now(): number {
    return Date.now() + this.skipped;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.skipped += ms;
    this.fireDue();
    return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: Timer = { at: this.now() + ms, callback, real: undefined };
    timer.real = setTimeout(() => this.fire(timer), ms);
    this.timers.add(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    const timer = handle as Timer;
    clearTimeout(timer.real);
    this.timers.delete(timer);
  }

  private fireDue(): void {
    const now = this.now();
    const due = [...this.timers].filter((timer) => timer.at <= now).sort((a, b) => a.at - b.at);
    for (const timer of due) this.fire(timer);
  }

  private fire(timer: Timer): void {
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer.real);
    timer.callback();
  }
}
