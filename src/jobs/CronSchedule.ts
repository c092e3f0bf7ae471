import { Cron } from 'croner';

/** A parsed cron expression in a time zone; computes run times, never starts timers itself. */
export class CronSchedule {
  private readonly cron: Cron;

  /** @throws Error from croner when the expression or the time zone is invalid. */
  constructor(
    readonly expression: string,
    readonly timezone: string | undefined,
  ) {
    this.cron = new Cron(expression, { timezone, paused: true });
    // croner checks the time zone only when it computes a date: do it now, once.
    this.cron.nextRun(new Date(0));
  }

  /** The first run time strictly after `ms` (epoch ms), or undefined when there is none. */
  nextAfter(ms: number): number | undefined {
    return this.cron.nextRun(new Date(ms))?.getTime();
  }
}
