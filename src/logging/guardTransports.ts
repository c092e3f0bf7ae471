import type { Logform, Logger } from 'winston';
import type TransportStream from 'winston-transport';
import { TransportGuard } from './TransportGuard';

/**
 * Makes `logger.add()` keep a transport added later behind a guard too (with the logger's line
 * format when it has none), and `logger.remove()` find the guard of the transport you gave: the
 * guard is an implementation detail, so you add and remove your own transports as with winston.
 */
export function guardTransports(logger: Logger, lineFormat: Logform.Format, say: (text: string) => void): void {
  const add = logger.add.bind(logger);
  const remove = logger.remove.bind(logger);
  const guardOf = (transport: TransportStream) =>
    logger.transports.find((known): known is TransportGuard => known instanceof TransportGuard && known.transport === transport);
  logger.add = (transport: TransportStream): Logger => {
    if (transport instanceof TransportGuard || guardOf(transport) !== undefined) return add(transport);
    transport.format ??= lineFormat;
    return add(new TransportGuard(transport, say));
  };
  logger.remove = (transport: TransportStream): Logger => remove(guardOf(transport) ?? transport);
}
