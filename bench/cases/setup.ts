import 'reflect-metadata';
import { container } from 'tsyringe';
import { createLogger, transports } from 'winston';
import { configure, LOGGER } from 'mendkit';

/** A logger that discards everything, so the bench measures mendkit and not the console. */
export const silentLogger = createLogger({ level: 'info', transports: [new transports.Console({ silent: true })] });

/** Points mendkit at a container with the silent logger (and the real clock). */
export function useBenchContainer(): void {
  const child = container.createChildContainer();
  child.register(LOGGER, { useValue: silentLogger });
  configure({ container: child });
}
