import type { LogEntry } from 'winston';
import { callerContext } from '../pipeline/currentCall';
import type { MethodInfo } from '../pipeline/MethodInfo';
import type { StageLevel } from './levels';
import { CLEANED, redactorOf } from './loggerRedactor';

/**
 * Writes one of mendkit's own lines: `event` (stable, for alerts), `component` (`Class.method`),
 * the correlation id of the call it belongs to, and `fields` — all redacted and made safe to
 * serialise, and only when `level` is on, so a line nobody reads costs one level check. Every
 * stage logs through this, whatever logger is registered under `LOGGER`. Never throws.
 * @param fields extra fields; an `error` value is serialised with its cause chain. A
 *   `correlationId` given here wins over the one found from the running call.
 * @example logEvent(method, 'warn', 'retry.scheduled', `${method.label} attempt 1 failed`, { attempt: 1 })
 */
export function logEvent(
  method: MethodInfo,
  level: StageLevel,
  event: string,
  message: string,
  fields?: object,
): void {
  const { logger } = method;
  try {
    if (!logger.isLevelEnabled(level)) return;
    const redactor = redactorOf(logger);
    // `fields()` returns a fresh object, so the line is built on it in place: spreading it into
    // a literal with more keys takes a slow path on Node 20 (measured: the largest cost here).
    const line: Record<string | symbol, unknown> = fields === undefined ? {} : redactor.fields(fields);
    const correlationId = line.correlationId ?? callerContext()?.correlationId;
    line.level = level;
    line.message = redactor.text(message);
    line.event = event;
    line.component = method.label;
    if (correlationId !== undefined) line.correlationId = correlationId;
    line[CLEANED] = true;
    // The one-object form: winston drops the fields of `log(level, message, fields)` when the
    // message happens to contain a printf token such as `%s`.
    logger.log(line as unknown as LogEntry);
  } catch {
    // A line that cannot be written must never change the call it describes.
  }
}
