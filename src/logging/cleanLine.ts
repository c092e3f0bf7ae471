import { format, type Logform } from 'winston';
import { CLEANED } from './loggerRedactor';
import type { Redactor } from './Redactor';
import { REDACTED } from './secrets';

type Line = Logform.TransformableInfo & Record<string | symbol, unknown>;

const LEVEL = Symbol.for('level');
const SPLAT = Symbol.for('splat');
const splat = format.splat();
const TOKENS = /%[scdjifoO%]/g;
/** The one or two words a token follows, as in `password %s`, `api key: %s` or `token "%s"`. */
const NAME_BEFORE = /(?:([A-Za-z][\w-]*)[ ])?([A-Za-z][\w-]*)\s*[:=]?\s*["'`]?$/;

function followsSecretName(text: string, redactor: Redactor): boolean {
  const match = NAME_BEFORE.exec(text);
  if (match === null) return false;
  const [, first, last] = match;
  return redactor.isSecretName(last!, '') || (first !== undefined && redactor.isSecretName(`${first}_${last!}`, ''));
}

/**
 * `%s`-style interpolation as winston's `format.splat()` does it, each interpolated argument
 * cleaned first, and hidden whole when its token follows a secret's name (`password %s` writes
 * `password hunter2`, which nothing in the result says is a secret); the arguments past the
 * tokens are merged into the line as `splat()` merges them (and cleaned with it).
 */
function interpolate(info: Line, message: string, args: readonly unknown[], redactor: Redactor): void {
  const cleaned: unknown[] = [];
  let from = 0;
  // A hidden argument's token becomes `%s`: `%d` would print `[REDACTED]` as NaN.
  info.message = message.replace(TOKENS, (token: string, at: number) => {
    if (token === '%%' || cleaned.length >= args.length) return token;
    const hidden = followsSecretName(message.slice(from, at), redactor);
    from = at + token.length;
    cleaned.push(hidden ? REDACTED : redactor.clean(args[cleaned.length]));
    return hidden ? '%s' : token;
  });
  info[SPLAT] = [...cleaned, ...args.slice(cleaned.length)];
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
