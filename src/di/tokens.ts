import type { InjectionToken } from 'tsyringe';
import type { Logger } from 'winston';
import type { Clock } from '../clock/Clock';

/**
 * The winston logger every stage writes to. Register your own (any winston logger, or one from
 * `createLogger`) to send mendkit's lines where your program's go; mendkit redacts its lines
 * whichever it is. Defaults to `createLogger()`: `info`, on the console.
 * @example container.register(LOGGER, { useValue: createLogger({ file: '/var/log/automation/script.log' }) })
 */
export const LOGGER: InjectionToken<Logger> = Symbol.for('mendkit.LOGGER');

/**
 * The {@link Clock} every stage takes time from. Defaults to the real clock; tests register a
 * `FakeClock`.
 */
export const CLOCK: InjectionToken<Clock> = Symbol.for('mendkit.CLOCK');
