import { addColors, createLogger as createWinstonLogger, format, type LeveledLogMethod, type Logger, transports } from 'winston';
import type TransportStream from 'winston-transport';
import { errorMessage } from '../matching/errorFacts';
import { cleanLine } from './cleanLine';
import { ecsLine } from './ecsLine';
import { fileTransport } from './fileTransport';
import { jsonLine } from './jsonLine';
import { type Level, LEVEL_COLORS, LEVELS } from './levels';
import { attachRedactor } from './loggerRedactor';
import type { LoggerOptions } from './LoggerOptions';
import { checkLoggerOptions, LOGGER_DEFAULTS } from './LoggerSettings';
import { prettyLine } from './prettyLine';
import { Redactor } from './Redactor';

/** A winston logger with mendkit's levels: `logger.critical(...)` exists beside `error`…`silly`. */
export type MendkitLogger = Logger & Record<Level, LeveledLogMethod>;

addColors(LEVEL_COLORS);

function consoleTransport(kind: 'pretty' | 'json', lineFormat: ReturnType<typeof jsonLine>): TransportStream {
  const colors = process.stdout.isTTY === true;
  return new transports.Console({ format: kind === 'pretty' ? prettyLine({ colors }) : lineFormat });
}

/** Says, once, that the log file cannot be written and lines go to the console instead. */
function sayFallingBack(logger: Logger, path: string, problem: unknown): void {
  logger.log({
    level: 'warn',
    message: `cannot write the log file ${path} (${errorMessage(problem)}); logging to the console instead`,
    event: 'log.fallback',
    path,
    error: problem,
  });
}

/**
 * A winston logger for mendkit and for your own lines: JSON lines (ISO timestamp, level,
 * message, event, component, correlation id, fields) to a file and/or the console, or readable
 * lines for people; every line redacted (secret keys, URL passwords, tokens, bearer
 * credentials). Register it under `LOGGER`, or register any winston logger of your own instead.
 * @example
 * const logger = createLogger({ level: 'debug', file: '/var/log/automation/script.log' });
 * container.register(LOGGER, { useValue: logger });
 * logger.critical('disk full', { path: '/var/data' });
 * @throws ConfigError for an unknown option or a bad value (naming it).
 */
export function createLogger(options: LoggerOptions = {}): MendkitLogger {
  checkLoggerOptions(options);
  const redactor = new Redactor(options.redact);
  const lineFormat = (options.schema ?? LOGGER_DEFAULTS.schema) === 'ecs' ? ecsLine() : jsonLine();
  const consoleKind = options.console ?? (process.stdout.isTTY === true ? LOGGER_DEFAULTS.console : 'json');
  const sinks: TransportStream[] = consoleKind === false ? [] : [consoleTransport(consoleKind, lineFormat)];
  const path = options.file;
  const file = path === undefined ? undefined : fileTransport(path, lineFormat);
  if (file?.transport !== undefined) sinks.push(file.transport);
  for (const transport of options.transports ?? []) {
    transport.format ??= lineFormat;
    sinks.push(transport);
  }
  const logger = createWinstonLogger({
    levels: LEVELS,
    level: options.level ?? LOGGER_DEFAULTS.level,
    format: format.combine(cleanLine(redactor, (level) => logger.isLevelEnabled(level)), format.timestamp()),
    transports: sinks,
  }) as MendkitLogger;
  attachRedactor(logger, redactor);
  if (path !== undefined && file?.problem !== undefined) {
    if (consoleKind === false) logger.add(new transports.Console({ format: lineFormat }));
    sayFallingBack(logger, path, file.problem);
  }
  return logger;
}
