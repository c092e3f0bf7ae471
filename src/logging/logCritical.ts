import type { Logger } from 'winston';

/**
 * Logs at `critical` when the logger has that level, else at `error` with `severity: 'critical'`,
 * so the line stands out whichever logger the user registered.
 */
export function logCritical(logger: Logger, message: string, fields: Record<string, unknown>): void {
  if ((logger.levels as Record<string, number | undefined>).critical !== undefined) {
    logger.log('critical', message, fields);
  } else {
    logger.log('error', message, { ...fields, severity: 'critical' });
  }
}
