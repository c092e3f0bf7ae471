/**
 * mendkit's log levels: winston's npm levels with `critical` added above `error`. Lower numbers
 * are more severe, as in every winston level set, so `level: 'warn'` still means "warn and
 * worse", and a logger built with winston's default levels keeps working as `LOGGER` (mendkit's
 * own lines use only error, warn, info and debug). Python's logging names map as DEBUG → debug,
 * INFO → info, WARNING → warn, ERROR → error, CRITICAL → critical.
 */
export const LEVELS = Object.freeze({
  critical: 0,
  error: 1,
  warn: 2,
  info: 3,
  http: 4,
  verbose: 5,
  debug: 6,
  silly: 7,
});

/** A level of {@link LEVELS}. */
export type Level = keyof typeof LEVELS;

/** The levels mendkit's own lines are written at: present in winston's npm levels too. */
export type StageLevel = 'error' | 'warn' | 'info' | 'debug';

/** Colours of the readable console format (used only on a TTY). */
export const LEVEL_COLORS = Object.freeze({
  critical: 'bold white redBG',
  error: 'red',
  warn: 'yellow',
  info: 'green',
  http: 'cyan',
  verbose: 'cyan',
  debug: 'blue',
  silly: 'magenta',
});
