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
    const cleaned = fields === undefined ? {} : redactor.fields(fields);
    const correlationId = cleaned.correlationId ?? callerContext()?.correlationId;
    // The one-object form: winston drops the fields of `log(level, message, fields)` when the
    // message happens to contain a printf token such as `%s`.
    logger.log({
      ...cleaned,
      level,
      message: redactor.text(message),
      event,
      component: method.label,
      ...(correlationId === undefined ? undefined : { correlationId }),
      [CLEANED]: true,
    });
  } catch {
    // A line that cannot be written must never change the call it describes.
  }
}
