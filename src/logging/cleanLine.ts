import { format, type Logform } from 'winston';
import { CLEANED } from './loggerRedactor';
import type { Redactor } from './Redactor';

type Line = Logform.TransformableInfo & Record<string | symbol, unknown>;

/**
 * The first format of every `createLogger` logger: redacts and makes safe the lines written
 * straight to it (your own `logger.info(...)`), so they are as clean as mendkit's own lines,
 * which arrive already cleaned. An `Error` logged as the line itself keeps its details as `error`.
 */
export function cleanLine(redactor: Redactor): Logform.Format {
  return format((info: Line): Line => {
    if (info[CLEANED] === true) return info;
    if (!(info instanceof Error)) return Object.assign(info, redactor.fields(info));
    // A new plain line: an Error's own `message` is not enumerable, so JSON would drop it.
    return Object.assign({}, info, redactor.fields({ ...info, message: info.message, error: info }));
  })();
}
