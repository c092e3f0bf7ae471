import type { LogEntry, Logger } from 'winston';
import { CLEANED, cleansItsLines } from './loggerRedactor';

/**
 * Hands `logger` one of mendkit's lines that is cleaned already, marked so that the logger's own
 * format cleans only what a child logger or `defaultMeta` adds to it later. May throw (a
 * transport's error): the caller decides what a line that cannot be written means.
 */
export function writeCleanLine(logger: Logger, line: Record<string | symbol, unknown>): void {
  // `defaultMeta` is written into this very object, so then its cleaned fields are kept apart.
  if (cleansItsLines(logger)) line[CLEANED] = logger.defaultMeta == null ? line : Object.assign({}, line);
  // The one-object form: winston drops the fields of `log(level, message, fields)` when the
  // message happens to contain a printf token such as `%s`.
  logger.log(line as unknown as LogEntry);
}
