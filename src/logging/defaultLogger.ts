import { createLogger, format, type Logger, transports } from 'winston';

let logger: Logger | undefined;

/** The logger used when nothing is registered under `LOGGER`: JSON lines at `info` on the console. */
export function defaultLogger(): Logger {
  logger ??= createLogger({
    level: 'info',
    format: format.combine(format.timestamp(), format.json()),
    transports: [new transports.Console()],
  });
  return logger;
}
