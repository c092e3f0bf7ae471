import type { FailureWindow } from './FailureWindow';

const EMPTY = 0;
const SUCCESS = 1;
const FAILURE = 2;

/** The last `size` outcomes, in a ring. */
export class CountWindow implements FailureWindow {
  private readonly outcomes: Uint8Array;
  private next = 0;
  private calls = 0;
  private failures = 0;

  constructor(size: number) {
    this.outcomes = new Uint8Array(size);
  }

  record(failed: boolean): void {
    const previous = this.outcomes[this.next];
    if (previous !== EMPTY) this.calls -= 1;
    if (previous === FAILURE) this.failures -= 1;
    this.outcomes[this.next] = failed ? FAILURE : SUCCESS;
    this.calls += 1;
    if (failed) this.failures += 1;
    this.next = (this.next + 1) % this.outcomes.length;
  }

  counts(): { calls: number; failures: number } {
    return { calls: this.calls, failures: this.failures };
  }

  reset(): void {
    this.outcomes.fill(EMPTY);
    this.next = 0;
    this.calls = 0;
    this.failures = 0;
  }
}
