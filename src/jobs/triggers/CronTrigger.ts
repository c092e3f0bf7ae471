import type { Clock, TimerHandle } from '../../clock/Clock';
import type { CronSchedule } from '../CronSchedule';
import type { RunTrigger } from '../RunTrigger';
import { MAX_TIMER_MS, type Trigger } from './Trigger';

/** Fires at each time of a cron schedule, timed by the clock. */
export class CronTrigger implements Trigger {
  private timer: TimerHandle | undefined;
  private fire: ((trigger: RunTrigger) => void) | undefined;
  /** The time the armed timer stands for. */
  private due: number | undefined;

  constructor(
    private readonly schedule: CronSchedule,
    private readonly clock: Clock,
  ) {}

  start(fire: (trigger: RunTrigger) => void): void {
    this.fire = fire;
    this.armAfter(this.clock.now());
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

  private armAfter(from: number): void {
    const at = this.schedule.nextAfter(from);
    if (at !== undefined) this.armAt(at);
    else this.due = undefined;
  }

  private armAt(at: number): void {
    this.due = at;
    const wait = Math.min(Math.max(at - this.clock.now(), 0), MAX_TIMER_MS);
    this.timer = this.clock.setTimer(wait, () => {
      this.timer = undefined;
      if (this.fire === undefined) return;
      if (this.clock.now() < at) return this.armAt(at); // a step of a wait longer than a timer allows
      this.fire({ kind: 'cron', scheduledAt: at });
      // After the later of the scheduled time and now: never the same time twice, and times
      // that passed while the process was stalled are dropped, not fired in a burst.
      this.armAfter(Math.max(at, this.clock.now()));
    });
  }
}
