import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import TransportStream from 'winston-transport';
import { configure, createLogger, LOGGER } from 'mendkit';

/** A transport that takes every line and keeps none: the bench measures making lines, not I/O. */
export class DiscardingTransport extends TransportStream {
  override log(_info: unknown, next: () => void): void {
    next();
  }
}

/** A mendkit logger at `level` that discards what it writes. */
export function discardingLogger(level: 'critical' | 'info') {
  return createLogger({ level, console: false, transports: [new DiscardingTransport()] });
}

/** A child container whose `LOGGER` is `logger`. */
export function benchContainer(logger = discardingLogger('critical')): DependencyContainer {
  const child = container.createChildContainer();
  child.register(LOGGER, { useValue: logger });
  return child;
}

/**
 * Points mendkit at a container whose logger writes nothing (at `critical`, so none of mendkit's
 * own lines is made): the pipeline cases measure the pipeline; the logging cases measure lines.
 */
export function useBenchContainer(): void {
  configure({ container: benchContainer() });
}
