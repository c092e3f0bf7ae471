import type { Clock } from '../clock/Clock';
import type { FailureWindow, WindowCounts } from './FailureWindow';

/** How many buckets a time window is cut into: it slides a tenth of its length at a time. */
export const TIME_WINDOW_BUCKETS = 10;

/**
 * The outcomes of the last `ms`, counted in {@link TIME_WINDOW_BUCKETS} buckets aligned to the
 * clock, so memory stays constant however many calls arrive. A bucket counts while it lies
 * wholly within the last `ms`: an outcome is forgotten between 0.9 × `ms` and `ms` after it.
 */
export class TimeWindow implements FailureWindow {
  private readonly bucketMs: number;
  /** Which bucket (time / bucketMs) each slot holds. */
  private readonly ids = new Float64Array(TIME_WINDOW_BUCKETS).fill(-1);
  private readonly calls = new Uint32Array(TIME_WINDOW_BUCKETS);
  private readonly failures = new Uint32Array(TIME_WINDOW_BUCKETS);
  private readonly slow = new Uint32Array(TIME_WINDOW_BUCKETS);

  constructor(
    ms: number,
    private readonly clock: Clock,
  ) {
    this.bucketMs = ms / TIME_WINDOW_BUCKETS;
  }

  record(failed: boolean, slow: boolean): void {
    const id = Math.floor(this.clock.now() / this.bucketMs);
    const slot = id % TIME_WINDOW_BUCKETS;
    if (this.ids[slot] !== id) {
      this.ids[slot] = id;
      this.calls[slot] = 0;
      this.failures[slot] = 0;
      this.slow[slot] = 0;
    }
    this.calls[slot]! += 1;
    if (failed) this.failures[slot]! += 1;
    if (slow) this.slow[slot]! += 1;
  }

  counts(): WindowCounts {
    const oldest = Math.floor(this.clock.now() / this.bucketMs) - TIME_WINDOW_BUCKETS;
    let calls = 0;
    let failures = 0;
    let slow = 0;
    for (let slot = 0; slot < TIME_WINDOW_BUCKETS; slot++) {
      if (this.ids[slot]! <= oldest) continue;
      calls += this.calls[slot]!;
      failures += this.failures[slot]!;
      slow += this.slow[slot]!;
    }
    return { calls, failures, slow };
  }

  reset(): void {
    this.ids.fill(-1);
  }
}
