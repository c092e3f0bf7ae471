import { createLogger, type MendkitLogger } from './createLogger';

let logger: MendkitLogger | undefined;

/**
 * The logger used when nothing is registered under `LOGGER`: `createLogger()` with its
 * defaults (`info`; readable lines on a TTY, JSON lines otherwise), made on first use.
 */
export function defaultLogger(): MendkitLogger {
  logger ??= createLogger();
  return logger;
}
