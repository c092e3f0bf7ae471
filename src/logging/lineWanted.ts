import type { Logger } from 'winston';
import type { Level } from './levels';
import { lineTap } from './lineTap';

/**
 * Whether a line of `level` to `logger` is wanted: its level is on, or a line tap (telemetry,
 * which counts every stable event in `mendkit.events`) hears every line whatever its level.
 * What a stage asks before the work of building a line; `logLine` still writes it only when its
 * level is on. The tap is asked first: one read, where the level check walks the transports.
 * @example if (lineWanted(method.lines, 'warn')) logEvent(method, 'warn', 'catch.handled', message, fields)
 */
export function lineWanted(logger: Logger, level: Level): boolean {
  return lineTap() !== undefined || logger.isLevelEnabled(level);
}

/**
 * {@link lineWanted} for a stage that checked the level itself, once per pipeline or per level, to
 * keep that check off its hot path: `levelOn`, or a tap hears every line. The tap is read live,
 * as telemetry may turn on or off while the stage stands.
 * @example if (lineWantedOn(this.logsStart)) logEvent(method, 'debug', 'call.start', message, fields)
 */
export function lineWantedOn(levelOn: boolean): boolean {
  return levelOn || lineTap() !== undefined;
}
