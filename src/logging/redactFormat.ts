import type { Logform } from 'winston';
import { cleanLine } from './cleanLine';
import { type RedactOptions, Redactor } from './Redactor';

/**
 * A winston format that redacts and makes safe every line, as `createLogger`'s loggers do — for a
 * winston logger of your own. Put it first in the logger's `format`, so that `defaultMeta`,
 * child-logger fields and `%s` arguments are cleaned too (winston applies a child's fields and
 * `defaultMeta` before the logger's format; a transport's own format runs too late for them).
 * @example
 * const logger = winston.createLogger({
 *   format: winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json()),
 *   transports: [new winston.transports.Console()],
 * });
 * @throws nothing: a value that cannot be read becomes a marker.
 */
export function redactFormat(options: RedactOptions = {}): Logform.Format {
  return cleanLine(new Redactor(options), () => true);
}
