import { format, type Logform } from 'winston';
import { LINE } from './lineMessage';

type Line = Logform.TransformableInfo & Record<string, unknown>;

/** The fields every JSON line starts with, in this order; the rest follow as logged. */
const LEADING = ['timestamp', 'level', 'message', 'event', 'component', 'correlationId'] as const;

/**
 * mendkit's JSON line: one object per line, `timestamp` (ISO 8601), `level`, `message`, then
 * `event`, `component` (`Class.method`) and `correlationId` when present, then the fields.
 * @example {"timestamp":"2026-11-25T11:20:51.123Z","level":"info","message":"Exporter.run succeeded in 12 ms","event":"call.success","component":"Exporter.run","correlationId":"…","durationMs":12}
 */
export const jsonLine = format((info: Line): Line => {
  const ordered: Record<string, unknown> = {};
  for (const key of LEADING) if (info[key] !== undefined) ordered[key] = info[key];
  for (const key of Object.keys(info)) if (!(key in ordered)) ordered[key] = info[key];
  (info as Record<symbol, unknown>)[LINE] = JSON.stringify(ordered);
  return info;
});
