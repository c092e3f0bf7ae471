import { addColors, createLogger as createWinstonLogger, format, type LeveledLogMethod, type Logger, transports } from 'winston';
import type TransportStream from 'winston-transport';
import { cleanLine } from './cleanLine';
import { ecsLine } from './ecsLine';
import { jsonLine } from './jsonLine';
import { type Level, LEVEL_COLORS, LEVELS } from './levels';
import { type LogFileNotice, LogFileTransport } from './LogFileTransport';
import { attachRedactor } from './loggerRedactor';
import type { LoggerOptions } from './LoggerOptions';
import { checkLoggerOptions, LOGGER_DEFAULTS } from './LoggerSettings';
import { prettyLine } from './prettyLine';
import { Redactor } from './Redactor';
import { sayOnStderr } from './sayOnStderr';
import { guardTransports } from './guardTransports';

/** A winston logger with mendkit's levels: `logger.critical(...)` exists beside `error`…`silly`. */
export type MendkitLogger = Logger & Record<Level, LeveledLogMethod>;

addColors(LEVEL_COLORS);

function consoleTransport(kind: 'pretty' | 'json', lineFormat: ReturnType<typeof jsonLine>): TransportStream {
  const colors = process.stdout.isTTY === true;
  return new transports.Console({ format: kind === 'pretty' ? prettyLine({ colors }) : lineFormat });
}

/** A notice of the log file: on stderr for people, and as a line for the collectors. */
function sayNotice(logger: Logger, notice: LogFileNotice): void {
  sayOnStderr(notice.message);
  logger.log({ level: notice.level, message: notice.message, event: notice.event, ...notice.fields });
}

function writeToStdout(line: string): void {
  process.stdout.write(line);
}

/**
 * A winston logger for mendkit and for your own lines: JSON lines (ISO timestamp, level,
 * message, event, component, correlation id, fields) to a file and/or the console, or readable
 * lines for people; every line redacted (secret keys, URL passwords, tokens, bearer
 * credentials). Register it under `LOGGER`, or register any winston logger of your own instead.
 * No transport holds up another: a log file that fails sends its lines to the console until it
 * works again, and your `transports` are each kept behind a guard.
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
  const file =
    options.file === undefined
      ? undefined
      : new LogFileTransport({
          file: typeof options.file === 'string' ? { path: options.file } : options.file,
          format: lineFormat,
          // With a console, the lines the file misses are on it already.
          fallback: consoleKind === false ? writeToStdout : undefined,
          say: (notice) => sayNotice(logger, notice),
        });
  if (file !== undefined) sinks.push(file);
  const logger = createWinstonLogger({
    levels: LEVELS,
    level: options.level ?? LOGGER_DEFAULTS.level,
    format: format.combine(cleanLine(redactor, (level) => logger.isLevelEnabled(level)), format.timestamp()),
    transports: sinks,
  }) as MendkitLogger;
  guardTransports(logger, lineFormat, sayOnStderr);
  for (const transport of options.transports ?? []) logger.add(transport);
  attachRedactor(logger, redactor);
  file?.start();
  return logger;
}
