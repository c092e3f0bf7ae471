import { Cron } from 'croner';

/** A parsed cron expression in a time zone; computes run times, never starts timers itself. */
export class CronSchedule {
  private readonly cron: Cron;

  /**
   * @throws Error when the expression does not have 5 fields (or 6, seconds first) — croner
   * would also take a 7th, the year, which mendkit does not document — or never fires
   * (`0 0 31 2 *`); and from croner, when the expression or the time zone is invalid.
   */
  constructor(
    readonly expression: string,
    readonly timezone: string | undefined,
  ) {
    const fields = expression.trim().split(/\s+/).length;
    if (!expression.trim().startsWith('@') && fields !== 5 && fields !== 6) {
      throw new Error(`a cron expression has 5 fields (minute to weekday) or 6 (seconds first), this one has ${fields}`);
    }
    this.cron = new Cron(expression, { timezone, paused: true });
    // croner checks the time zone only when it computes a date: do it now, once. No run after
    // 1970 means none ever: without a year field every schedule repeats.
    if (this.cron.nextRun(new Date(0)) === null) throw new Error('it never fires (no such date)');
  }

  /** The first run time strictly after `ms` (epoch ms), or undefined when there is none. */
  nextAfter(ms: number): number | undefined {
    return this.cron.nextRun(new Date(ms))?.getTime();
  }
}
