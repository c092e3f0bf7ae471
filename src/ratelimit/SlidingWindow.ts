/**
 * The in-process form of a limit: a log of the start times of the last `limit` calls granted. A
 * call may start when fewer than `limit` started in the `perMs` before it, so no window of
 * `perMs` ever holds more than `limit` starts — unlike a token bucket, whose full bucket plus
 * its refill lets nearly twice the limit through in one window.
 */
export class SlidingWindow {
  /** Grant times, oldest first; never more than `limit`. */
  private readonly granted: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly perMs: number,
  ) {}

  /** Takes a slot at `now` if one is free: 0, else the ms until the oldest grant leaves the window. */
  take(now: number): number {
    while (this.granted.length > 0 && this.granted[0]! <= now - this.perMs) this.granted.shift();
    if (this.granted.length < this.limit) {
      this.granted.push(now);
      return 0;
    }
    return this.granted[0]! + this.perMs - now;
  }
}
