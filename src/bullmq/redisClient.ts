import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { BullmqModules } from './loadBullmq';
import { redactUrl } from './redactUrl';

/** Reconnection backoff: doubles from `firstMs` up to `maxMs`, forever. */
export const RECONNECT = Object.freeze({ firstMs: 100, maxMs: 2000 });

/** How a client behaves while Redis cannot be reached. */
export type OutagePolicy =
  /**
   * Long-lived (runners): commands wait for the connection, retried with backoff forever; the
   * outage is logged once when it starts and once when it ends, and `onReconnected` called then.
   */
  | { readonly policy: 'wait'; readonly logger: () => Logger; readonly onReconnected: () => void }
  /** One-shot (the `history` command): a command fails at once, with no retry; its rejection is the report. */
  | { readonly policy: 'fail' };

/** An ioredis client for `url`, behaving as `outage` says while Redis cannot be reached. */
export function createRedisClient({ ioredis }: BullmqModules, url: string, outage: OutagePolicy): Redis {
  const { policy } = outage;
  const client = new ioredis.Redis(url, {
    // BullMQ requires `null` for its workers: a command waits for the connection instead of failing.
    maxRetriesPerRequest: policy === 'wait' ? null : 0,
    retryStrategy: policy === 'wait' ? (times) => Math.min(RECONNECT.firstMs * 2 ** Math.min(times - 1, 10), RECONNECT.maxMs) : () => null,
    lazyConnect: policy === 'fail',
  });
  const shown = redactUrl(url);
  let down = false;
  client.on('error', (error: unknown) => {
    if (down || outage.policy === 'fail') return;
    down = true;
    outage.logger().error(`cannot reach Redis at ${shown}: ${errorMessage(error)}; reconnecting with backoff (up to ${RECONNECT.maxMs} ms between attempts)`, {
      event: 'redis.unreachable',
      url: shown,
      code: errorLabel(error),
    });
  });
  client.on('ready', () => {
    if (!down || outage.policy === 'fail') return;
    down = false;
    outage.logger().info(`Redis at ${shown} is reachable again`, { event: 'redis.reconnected', url: shown });
    outage.onReconnected();
  });
  return client;
}
