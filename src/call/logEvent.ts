import { lineWanted } from '../logging/lineWanted';
import { logLine } from '../logging/logLine';
import type { StageLevel } from '../logging/levels';
import { callerContext } from './currentCall';
import type { MethodInfo } from './MethodInfo';

/**
 * Writes one of a stage's lines about a call of `method`: `logLine` with `component`
 * `Class.method`, to the method's `lines` logger, with the correlation id of the call running now
 * (or `correlationId`, when the stage has it at hand: an id is never redacted, so it is added
 * after the fields are cleaned).
 * @example logEvent(method, 'warn', 'retry.scheduled', `${method.label} attempt 1 failed`, { attempt: 1 })
 */
export function logEvent(method: MethodInfo, level: StageLevel, event: string, message: string, fields?: object, correlationId?: string): void {
  if (correlationId === undefined) {
    // Checked before `logLine` checks it: finding the running call may create its attempt's context.
    if (!lineWanted(method.lines, level)) return;
    correlationId = callerContext()?.correlationId;
  }
  logLine(method.lines, level, event, message, fields, method.label, correlationId);
}
