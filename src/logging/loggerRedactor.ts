import type { Logger } from 'winston';
import { Redactor } from './Redactor';

const REDACTOR = Symbol.for('mendkit.redactor');

/**
 * Marks a log line whose fields and message are already cleaned, so the logger's own redaction
 * format does not do the work twice.
 */
export const CLEANED = Symbol.for('mendkit.cleaned');

const builtIn = new Redactor();

/** Gives a logger (and its child loggers, which inherit from it) the redactor its lines use. */
export function attachRedactor(logger: Logger, redactor: Redactor): void {
  Object.defineProperty(logger, REDACTOR, { value: redactor });
}

/** The redactor of a logger made by `createLogger`, or the built-in one for any other logger. */
export function redactorOf(logger: Logger): Redactor {
  return (logger as unknown as Record<symbol, Redactor | undefined>)[REDACTOR] ?? builtIn;
}
