import type { Clock, TimerHandle } from '../../clock/Clock';
import type { RunTrigger } from '../RunTrigger';
import { MAX_TIMER_MS, type Trigger } from './Trigger';

/**
 * Fires every `ms` at a fixed rate from its start; ticks missed while the process was stalled
 * are dropped, not fired in a burst.
 */
export class IntervalTrigger implements Trigger {
  private timer: TimerHandle | undefined;
  private fire: ((trigger: RunTrigger) => void) | undefined;
  /** The time the armed timer stands for. */
  private due: number | undefined;

  constructor(
    private readonly ms: number,
    private readonly clock: Clock,
  ) {}

  start(fire: (trigger: RunTrigger) => void): void {
    this.fire = fire;
    this.armAt(this.clock.now() + this.ms);
  }

  get nextAt(): number | undefined {
    return this.fire === undefined ? undefined : this.due;
  }

  async stop(): Promise<void> {
    this.fire = undefined;
    this.due = undefined;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private armAt(at: number): void {
    this.due = at;
    this.timer = this.clock.setTimer(Math.min(at - this.clock.now(), MAX_TIMER_MS), () => {
      this.timer = undefined;
      if (this.fire === undefined) return;
      const now = this.clock.now();
      if (now < at) return this.armAt(at);
      this.fire({ kind: 'every', scheduledAt: at });
      const next = at + this.ms;
      this.armAt(next > now ? next : now + this.ms);
    });
  }
}
