import type { Logger } from 'winston';
import { Redactor } from './Redactor';

const REDACTOR = Symbol.for('mendkit.redactor');

/**
 * On a line mendkit wrote already cleaned: its fields as they were cleaned (the line itself, or a
 * copy when `defaultMeta` will be written into it). The logger's own format (`cleanLine`) then
 * cleans only what was added or replaced after — the fields of a child logger and of
 * `defaultMeta`, which winston merges in later — instead of the whole line again.
 */
export const CLEANED = Symbol('mendkit.cleaned');

const builtIn = new Redactor();

/**
 * Gives a logger (and its child loggers, which inherit from it) the redactor its lines use; the
 * logger's format must clean its lines with it (`cleanLine`).
 */
export function attachRedactor(logger: Logger, redactor: Redactor): void {
  Object.defineProperty(logger, REDACTOR, { value: redactor });
}

function attached(logger: Logger): Redactor | undefined {
  return (logger as unknown as Record<symbol, Redactor | undefined>)[REDACTOR];
}

/** The redactor of a logger made by `createLogger`, or the built-in one for any other logger. */
export function redactorOf(logger: Logger): Redactor {
  return attached(logger) ?? builtIn;
}

/** Whether the logger's own format cleans its lines (a `createLogger` logger or a child of one). */
export function cleansItsLines(logger: Logger): boolean {
  return attached(logger) !== undefined;
}
