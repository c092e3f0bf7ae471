import 'reflect-metadata';
import { container } from 'tsyringe';
import { createLogger, transports } from 'winston';
import { configure, LOGGER } from 'mendkit';

/**
 * A logger that discards everything, at `error`, so the retry and scale cases measure the
 * pipeline and not winston (a `retry.scheduled` line costs ~3 µs and is buffered by winston's
 * stream); the logging cases measure the lines themselves.
 */
export const silentLogger = createLogger({ level: 'error', transports: [new transports.Console({ silent: true })] });

/** Points mendkit at a container with the silent logger (and the real clock). */
export function useBenchContainer(): void {
  const child = container.createChildContainer();
  child.register(LOGGER, { useValue: silentLogger });
  configure({ container: child });
}
