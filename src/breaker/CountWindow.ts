import type { FailureWindow, WindowCounts } from './FailureWindow';

/** An outcome's bits in the ring: 0 is an empty slot. */
const CALL = 1;
const FAILURE = 2;
const SLOW = 4;

/** The last `size` outcomes, in a ring. */
export class CountWindow implements FailureWindow {
  private readonly outcomes: Uint8Array;
  private next = 0;
  private calls = 0;
  private failures = 0;
  private slow = 0;

  constructor(size: number) {
    this.outcomes = new Uint8Array(size);
  }

  record(failed: boolean, slow: boolean): void {
    this.count(this.outcomes[this.next]!, -1);
    const outcome = CALL | (failed ? FAILURE : 0) | (slow ? SLOW : 0);
    this.outcomes[this.next] = outcome;
    this.count(outcome, 1);
    this.next = (this.next + 1) % this.outcomes.length;
  }

  private count(outcome: number, by: number): void {
    if (outcome & CALL) this.calls += by;
    if (outcome & FAILURE) this.failures += by;
    if (outcome & SLOW) this.slow += by;
  }

  counts(): WindowCounts {
    return { calls: this.calls, failures: this.failures, slow: this.slow };
  }

  reset(): void {
    this.outcomes.fill(0);
    this.next = 0;
    this.calls = 0;
    this.failures = 0;
    this.slow = 0;
  }
}
