import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { BullmqModules } from './loadBullmq';
import { redactUrl } from './redactUrl';

/** Reconnection backoff: doubles from `firstMs` up to `maxMs`, forever. */
export const RECONNECT = Object.freeze({ firstMs: 100, maxMs: 2000 });

/** How a client behaves while Redis cannot be reached. */
export type OutagePolicy =
  /** Long-lived (runners): commands wait for the connection; it is retried with backoff forever. */
  | 'wait'
  /** One-shot (the `history` command): a command fails at once, with no retry. */
  | 'fail';

/**
 * An ioredis client for `url`. With the `wait` policy it logs an outage once, with the URL
 * (password hidden), when it starts, and once when Redis is back — not on every reconnection
 * attempt; with `fail`, the failing command's rejection is the report.
 * @param onReconnected called each time Redis is reachable again after an outage.
 */
export function createRedisClient(
  { ioredis }: BullmqModules,
  url: string,
  policy: OutagePolicy,
  logger: () => Logger = () => undefined as never,
  onReconnected: () => void = () => undefined,
): Redis {
  const client = new ioredis.Redis(url, {
    // BullMQ requires `null` for its workers: a command waits for the connection instead of failing.
    maxRetriesPerRequest: policy === 'wait' ? null : 0,
    retryStrategy: policy === 'wait' ? (times) => Math.min(RECONNECT.firstMs * 2 ** Math.min(times - 1, 10), RECONNECT.maxMs) : () => null,
    lazyConnect: policy === 'fail',
  });
  const shown = redactUrl(url);
  let down = false;
  client.on('error', (error: unknown) => {
    if (down || policy === 'fail') return;
    down = true;
    const retry = policy === 'wait' ? `; reconnecting with backoff (up to ${RECONNECT.maxMs} ms between attempts)` : '';
    logger().error(`cannot reach Redis at ${shown}: ${errorMessage(error)}${retry}`, { event: 'redis.unreachable', url: shown, code: errorLabel(error) });
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger().info(`Redis at ${shown} is reachable again`, { event: 'redis.reconnected', url: shown });
    onReconnected();
  });
  return client;
}
