import { format, type Logform } from 'winston';
import { CLEANED } from './loggerRedactor';
import type { Redactor } from './Redactor';

type Line = Logform.TransformableInfo & Record<string | symbol, unknown>;

const LEVEL = Symbol.for('level');
const SPLAT = Symbol.for('splat');
const splat = format.splat();
const TOKENS = /%[scdjifoO%]/g;
const ESCAPES = /%%/g;

/**
 * `%s`-style interpolation as winston's `format.splat()` does it, each interpolated argument
 * cleaned first; the arguments past the tokens are merged into the line as `splat()` merges them
 * (and cleaned with it).
 */
function interpolate(info: Line, message: string, args: readonly unknown[], redactor: Redactor): void {
  const interpolated = (message.match(TOKENS)?.length ?? 0) - (message.match(ESCAPES)?.length ?? 0);
  info[SPLAT] = args.map((arg, i) => (i < interpolated ? redactor.clean(arg) : arg));
  splat.transform(info);
}

/** A line mendkit cleaned, with the fields merged in since (child, `defaultMeta`) cleaned too. */
function cleanAdded(info: Line, cleaned: Record<string, unknown>, redactor: Redactor): Line {
  if (cleaned === info) return info;
  let added: Record<string, unknown> | undefined;
  for (const key of Object.keys(info)) if (info[key] !== cleaned[key]) (added ??= {})[key] = info[key];
  return added === undefined ? info : Object.assign(info, redactor.fields(added));
}

/**
 * The first format of every `createLogger` logger: redacts and makes safe every line, whoever
 * wrote it and whatever a child logger or `defaultMeta` added to it. mendkit's own lines arrive
 * cleaned, so only the fields added since are cleaned; your own lines (`logger.info(...)`) are
 * cleaned whole, after `%s`-style arguments are interpolated as winston's `format.splat()` does
 * (each argument cleaned first), and only when their level is on. An `Error` logged as the line
 * itself keeps its details as `error`.
 */
export function cleanLine(redactor: Redactor, isLevelEnabled: (level: string) => boolean): Logform.Format {
  return format((info: Line): Line | false => {
    const cleaned = info[CLEANED] as Record<string, unknown> | undefined;
    if (cleaned !== undefined) return cleanAdded(info, cleaned, redactor);
    if (!isLevelEnabled(String(info[LEVEL] ?? info.level))) return false;
    const args = info[SPLAT];
    // With one argument and no token, winston has merged it already: nothing to do.
    const { message } = info;
    if (Array.isArray(args) && typeof message === 'string' && (args.length > 1 || message.includes('%'))) {
      interpolate(info, message, args, redactor);
    }
    if (!(info instanceof Error)) return Object.assign(info, redactor.fields(info));
    // A new plain line: an Error's own `message` is not enumerable, so JSON would drop it.
    return Object.assign({}, info, redactor.fields({ ...info, message: info.message, error: info }));
  })();
}
