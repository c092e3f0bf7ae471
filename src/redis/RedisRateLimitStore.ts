import { randomUUID } from 'node:crypto';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { checkKnownKeys, checkOptionsObject, checkPositive } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { defaultLogger } from '../logging/defaultLogger';
import { errorMessage } from '../matching/errorFacts';
import type { RateLimitStore, SlotRequest } from '../ratelimit/RateLimitStore';
import { loadPeers } from './loadPeers';
import { redactUrl } from './redactUrl';
import { createRedisClient } from './redisClient';
import { REDIS_RATE_LIMIT_DEFAULTS, type RedisRateLimitStoreOptions } from './RedisRateLimitStoreOptions';
import { TAKE_SLOT_LUA } from './takeSlotScript';

/** The client with the script defined on it. */
type ScriptedRedis = Redis & { mendkitTakeSlot(key: string, limit: number, perMs: number, member: string): Promise<number> };

/** Connection states in which Redis is known to be unreachable: a command would only fail later. */
const DOWN = new Set(['reconnecting', 'close', 'end']);

/**
 * A {@link RateLimitStore} on Redis: every process that registers one on the same Redis shares
 * each `@RateLimit`'s window. Taking a slot is one Lua script, so it is atomic, and it reads
 * Redis's clock, so processes with skewed clocks agree. While Redis cannot be reached, `take`
 * fails at once (and `@RateLimit`'s `onStoreDown` decides); the client reconnects with backoff.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly client: ScriptedRedis;
  private readonly prefix: string;
  /** Makes each grant a distinct member of the window, across processes. */
  private readonly id = randomUUID();
  private grants = 0;
  private lastError: unknown;

  constructor(ioredis: typeof IORedis, private readonly options: RedisRateLimitStoreOptions) {
    this.prefix = options.prefix ?? REDIS_RATE_LIMIT_DEFAULTS.prefix;
    const logger = options.logger;
    const client = createRedisClient(ioredis, options.url, {
      policy: 'failFast',
      logger: () => logger ?? defaultLogger(),
      commandTimeoutMs: options.commandTimeoutMs ?? REDIS_RATE_LIMIT_DEFAULTS.commandTimeoutMs,
    });
    client.on('error', (error: unknown) => (this.lastError = error));
    client.on('ready', () => (this.lastError = undefined));
    client.defineCommand('mendkitTakeSlot', { numberOfKeys: 1, lua: TAKE_SLOT_LUA });
    this.client = client as ScriptedRedis;
  }

  /**
   * Takes one slot of `key`'s window in Redis if one is free.
   * @returns 0 when it took one, else the ms until the earliest slot frees; rejects at once
   * while Redis cannot be reached.
   */
  async take({ key, limit, perMs }: SlotRequest): Promise<number> {
    if (DOWN.has(this.client.status)) throw this.unreachable(undefined);
    this.grants += 1;
    try {
      return await this.client.mendkitTakeSlot(`${this.prefix}:${key}`, limit, Math.ceil(perMs), `${this.id}:${this.grants}`);
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  /**
   * Why a slot could not be taken. A command failed while connecting says only "max retries";
   * the connection's own error (ECONNREFUSED…) is the cause that tells what to fix.
   */
  private unreachable(commandError: unknown): Error {
    const detail = commandError === undefined ? 'the connection is down' : errorMessage(commandError);
    return new Error(`Redis at ${redactUrl(this.options.url)} cannot be reached: ${detail}`, { cause: this.lastError ?? commandError });
  }

  /** Closes the connection (at once while Redis cannot be reached); `take` fails afterwards. */
  async close(): Promise<void> {
    if (this.client.status !== 'ready') return this.client.disconnect();
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/**
 * A rate-limit store on Redis, to register under `RATE_LIMIT_STORE`, so that every process
 * shares each `@RateLimit`. Needs the optional peer package `ioredis`.
 * @example container.register(RATE_LIMIT_STORE, { useValue: redisRateLimitStore({ url: 'redis://127.0.0.1:6379' }) })
 * @throws ConfigError for a bad option, or when ioredis is not installed.
 */
export function redisRateLimitStore(options: RedisRateLimitStoreOptions): RedisRateLimitStore {
  const site = 'redisRateLimitStore()';
  if (options === undefined) throw new ConfigError(`${site}: options are required: { url }`);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['url', 'prefix', 'commandTimeoutMs', 'logger']);
  if (typeof options.url !== 'string') throw new ConfigError(`${site}: \`url\` is required, a redis:// URL`);
  if (options.prefix !== undefined && (typeof options.prefix !== 'string' || options.prefix === '')) {
    throw new ConfigError(`${site}: \`prefix\` must be a non-empty string`);
  }
  checkPositive(site, 'commandTimeoutMs', options.commandTimeoutMs);
  const { ioredis } = loadPeers(['ioredis'], 'a rate limit shared on Redis (mendkit/redis)');
  return new RedisRateLimitStore(ioredis as typeof IORedis, options);
}
