import { format, type Logform } from 'winston';
import { LINE } from './lineMessage';

type Line = Logform.TransformableInfo & Record<string, unknown>;

/** Whether the readable console lines are coloured. */
export interface PrettyLineOptions {
  readonly colors: boolean;
}

const colorizer = format.colorize();
const SHOWN_APART = new Set(['timestamp', 'level', 'message', 'component', 'correlationId', 'error']);

function show(value: unknown): string {
  return typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value);
}

/** The error's message; its stack too on error and critical lines, where someone will read it. */
function errorLines(error: unknown, level: string): string {
  if (typeof error !== 'object' || error === null) return ` error=${show(error)}`;
  const { stack, message } = error as { stack?: unknown; message?: unknown };
  const severe = level === 'error' || level === 'critical';
  return severe && typeof stack === 'string' ? `\n    ${stack.split('\n').join('\n    ')}` : ` error=${show(message)}`;
}

/**
 * A line for people at a terminal: time, level, the correlation id's first 8 characters, the
 * component (unless the message starts with it), the message, then the other fields —
 * `11:20:51.123 warn     [70a36ded] Sync.push attempt 1 failed (ECONNRESET); retrying in 300 ms  event=retry.scheduled attempt=1 error="read ECONNRESET"`;
 * on error and critical lines the error's stack underneath. Colours the level only when asked
 * (on a TTY).
 */
export function prettyLine(options: PrettyLineOptions): Logform.Format {
  return format((info: Line): Line => {
    const time = typeof info.timestamp === 'string' ? info.timestamp.slice(11, 23) : '';
    const level = info.level.padEnd(8);
    const message = String(info.message);
    const correlation = typeof info.correlationId === 'string' ? `[${info.correlationId.slice(0, 8)}] ` : '';
    const component =
      typeof info.component === 'string' && !message.startsWith(info.component) ? `${info.component}: ` : '';
    const fields = ['event', ...Object.keys(info).filter((key) => key !== 'event')]
      .filter((key) => !SHOWN_APART.has(key) && info[key] !== undefined)
      .map((key) => `${key}=${show(info[key])}`)
      .join(' ');
    (info as Record<symbol, unknown>)[LINE] =
      `${time} ${options.colors ? colorizer.colorize(info.level, level) : level} ${correlation}${component}${message}` +
      (fields ? `  ${fields}` : '') +
      (info.error === undefined ? '' : errorLines(info.error, info.level));
    return info;
  })();
}
