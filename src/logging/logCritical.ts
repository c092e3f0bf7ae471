import type { Logger } from 'winston';
import { logLine } from './logLine';

/**
 * Logs `event` at `critical` when the logger has that level, else at `error` with
 * `severity: 'critical'`, so the line stands out whichever logger the user registered; redacted
 * like every line of mendkit's.
 */
export function logCritical(logger: Logger, event: string, message: string, fields: Record<string, unknown>): void {
  if ((logger.levels as Record<string, number | undefined>).critical !== undefined) {
    logLine(logger, 'critical', event, message, fields);
  } else {
    logLine(logger, 'error', event, message, { ...fields, severity: 'critical' });
  }
}
