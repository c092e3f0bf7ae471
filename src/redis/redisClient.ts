import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { errorLabel, errorMessage } from '../matching/errorFacts';
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
  /**
   * Long-lived, answering soon (a shared rate limit): reconnects with backoff forever and logs
   * the outage as `wait` does, but a command is never retried: it fails when the connection it was
   * sent on (or waited for) fails, and after `commandTimeoutMs` at most, so the caller can decide.
   * (Check `status` first to fail at once while the client is known to be reconnecting.)
   */
  | { readonly policy: 'failFast'; readonly logger: () => Logger; readonly commandTimeoutMs: number }
  /** One-shot (the `history` command): a command fails at once, with no retry; its rejection is the report. */
  | { readonly policy: 'fail' };

/** An ioredis client for `url`, behaving as `outage` says while Redis cannot be reached. */
export function createRedisClient(ioredis: typeof IORedis, url: string, outage: OutagePolicy): Redis {
  const { policy } = outage;
  const client = new ioredis.Redis(url, {
    // BullMQ requires `null` for its workers: a command waits for the connection instead of failing.
    maxRetriesPerRequest: policy === 'wait' ? null : 0,
    retryStrategy: policy === 'fail' ? () => null : (times) => Math.min(RECONNECT.firstMs * 2 ** Math.min(times - 1, 10), RECONNECT.maxMs),
    lazyConnect: policy === 'fail',
    ...(policy === 'failFast' ? { commandTimeout: outage.commandTimeoutMs } : undefined),
  });
  if (outage.policy === 'fail') return client.on('error', () => undefined); // the command's rejection reports it
  const shown = redactUrl(url);
  let lastError: unknown;
  let down = false;
  client.on('error', (error: unknown) => (lastError = error));
  // `reconnecting` comes after every lost or refused connection, never after quit(): the outage starts.
  client.on('reconnecting', () => {
    if (down) return;
    down = true;
    const reason = lastError === undefined ? 'the connection was closed' : errorMessage(lastError);
    outage.logger().error(`cannot reach Redis at ${shown}: ${reason}; reconnecting with backoff (up to ${RECONNECT.maxMs} ms between attempts)`, {
      event: 'redis.unreachable',
      url: shown,
      code: lastError === undefined ? 'ECONNCLOSED' : errorLabel(lastError),
    });
  });
  client.on('ready', () => {
    lastError = undefined;
    if (!down) return;
    down = false;
    outage.logger().info(`Redis at ${shown} is reachable again`, { event: 'redis.reconnected', url: shown });
    if (outage.policy === 'wait') outage.onReconnected();
  });
  return client;
}
