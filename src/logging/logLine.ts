import type { Logger } from 'winston';
import type { Level } from './levels';
import { lineTap } from './lineTap';
import { redactorOf } from './loggerRedactor';
import { writeCleanLine } from './writeCleanLine';

/**
 * Writes one of mendkit's own lines to `logger`: `event` (stable, for alerts), `component` when
 * given, the correlation id of the call it belongs to (if any), and `fields` — all redacted and
 * made safe to serialise, and only when `level` is on, so a line nobody reads costs one level
 * check. The scheduler, the triggers and (through `logEvent`) every stage log through this.
 * Never throws.
 * @param fields extra fields; an `error` value is serialised with its cause chain, and a
 *   `correlationId` field wins over the `correlationId` argument.
 * @example logLine(logger, 'info', 'job.started', `job ${name}: run started (cron)`, { job: name })
 */
export function logLine(
  logger: Logger,
  level: Level,
  event: string,
  message: string,
  fields?: object,
  component?: string,
  correlationId?: string,
): void {
  try {
    const tap = lineTap();
    tap?.seen(event, component, fields);
    if (!logger.isLevelEnabled(level)) return;
    const redactor = redactorOf(logger);
    // `fields()` returns a fresh object, so the line is built on it in place: spreading it into
    // a literal with more keys takes a slow path on Node 20 (measured: the largest cost here).
    const line: Record<string | symbol, unknown> = fields === undefined ? {} : redactor.fields(fields);
    line.level = level;
    line.message = redactor.text(message);
    line.event = event;
    if (component !== undefined) line.component = component;
    if (line.correlationId === undefined && correlationId !== undefined) line.correlationId = correlationId;
    tap?.annotate(line as Record<string, unknown>);
    // What a child logger or `defaultMeta` adds comes later, raw: the logger's format cleans it.
    writeCleanLine(logger, line);
  } catch {
    // A line that cannot be written must never change what it describes.
  }
}
