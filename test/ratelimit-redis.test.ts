import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { RATE_LIMIT_STORE, RateLimit, RateLimitedError, RateLimitStoreDownError, ConfigError } from 'mendkit';
import { ownCode, someInChain } from '../src/matching/errorFacts';
import { redisRateLimitStore, type RedisRateLimitStore } from '../src/redis';
import { loadPeers } from '../src/redis/loadPeers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, PrivateRedis } from './support/redis';
import { waitFor } from './support/waitFor';
import { requireRedis } from './support/requires';
import { REDIS_URL } from './support/services';
import { useTestKit } from './support/useTestKit';

const prefix = `test-ratelimit-redis-${process.pid}-${Date.now()}`;
const stores: RedisRateLimitStore[] = [];

function store(url = REDIS_URL, logger?: Logger): RedisRateLimitStore {
  const made = redisRateLimitStore({ url, prefix, commandTimeoutMs: 2000, ...(logger && { logger }) });
  stores.push(made);
  return made;
}

after(async () => {
  await Promise.all(stores.map((made) => made.close()));
  if (requireRedis() !== false) return;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

class Limited {
  @RateLimit({ limit: 2, per: 1000, mode: 'reject' })
  async call(): Promise<string> {
    return 'ran';
  }
}

describe('redisRateLimitStore on a real Redis', { skip: requireRedis() }, () => {
  // A fake clock at the epoch: the window must follow Redis's clock, not the process's.
  const kit = useTestKit({ now: 0 });

  it('takes slots atomically in a sliding window on Redis, under a namespaced key that expires', async () => {
    const shared = store();
    const request = { key: 'Sync.run:tenant-a', limit: 3, perMs: 1000 };
    assert.deepEqual(await Promise.all([1, 2, 3, 4, 5].map(() => shared.take(request))).then((waits) => waits.map((wait) => wait > 0)), [false, false, false, true, true]);
    const wait = await shared.take(request);
    assert.ok(wait > 0 && wait <= 1000, `the next slot is within the window, got ${wait} ms`);
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    try {
      const ttl = await redis.pttl(`${prefix}:Sync.run:tenant-a`);
      assert.ok(ttl > 0 && ttl <= 1000, `expires with the window, got a PTTL of ${ttl}`);
      assert.equal(await redis.zcard(`${prefix}:Sync.run:tenant-a`), 3);
    } finally {
      redis.disconnect();
    }
  });

  it('@RateLimit with the store: the window follows Redis\u2019s clock whatever the process\u2019s says', async () => {
    kit.container.register(RATE_LIMIT_STORE, { useValue: store() });
    const limited = new Limited();
    assert.deepEqual(await Promise.all([limited.call(), limited.call()]), ['ran', 'ran']);
    const error = await limited.call().catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.ok(error.retryAfterMs > 0 && error.retryAfterMs <= 1000);
    assert.equal(kit.clock.now(), 0, 'the fake clock never moved');
  });

  it('Redis down: onStoreDown reject fails closed at once with the connection error as cause, logged once; allow runs the call', async () => {
    const down = store(`redis://127.0.0.1:${await freePort()}`, kit.logger);
    kit.container.register(RATE_LIMIT_STORE, { useValue: down });
    class Closed {
      @RateLimit({ limit: 2, per: 1000, mode: 'wait' })
      async call(): Promise<string> {
        return 'ran';
      }
    }
    class Open {
      @RateLimit({ limit: 2, per: 1000, mode: 'wait', onStoreDown: 'allow' })
      async call(): Promise<string> {
        return 'ran';
      }
    }
    for (let i = 0; i < 3; i++) {
      const error = await new Closed().call().catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitStoreDownError, String(error));
      assert.ok(someInChain(error, (link) => ownCode(link) === 'ECONNREFUSED'), 'the cause says why');
    }
    assert.equal(await new Open().call(), 'ran');
    assert.deepEqual(
      kit.logs.events('ratelimit.store_down').map((line) => [line.component, line.onStoreDown]),
      [['Closed.call', 'reject'], ['Open.call', 'allow']],
    );
    assert.deepEqual(kit.logs.events('redis.unreachable').map((line) => line.code), ['ECONNREFUSED'], 'the outage itself, once');
  });

  it('Redis killed and restarted: calls fail closed while it is gone, the outage and the recovery logged once each', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mendkit-ratelimit-'));
    const redis = await PrivateRedis.start(dir, false);
    try {
      kit.container.register(RATE_LIMIT_STORE, { useValue: store(redis.url, kit.logger) });
      class Guarded {
        @RateLimit({ limit: 100, per: 1000, mode: 'reject' })
        async call(): Promise<string> {
          return 'ran';
        }
      }
      const guarded = new Guarded();
      assert.equal(await guarded.call(), 'ran');
      await redis.kill();
      const refused = await waitFor(() => guarded.call().then(() => undefined, (error: unknown) => error), { what: 'a call refused with Redis gone' });
      assert.ok(refused instanceof RateLimitStoreDownError, String(refused));
      await assert.rejects(guarded.call(), RateLimitStoreDownError);
      await redis.start();
      assert.equal(await waitFor(() => guarded.call().catch(() => undefined), { what: 'a call let through once Redis is back' }), 'ran');
      assert.deepEqual(
        ['ratelimit.store_down', 'ratelimit.store_recovered', 'redis.unreachable', 'redis.reconnected'].map((event) => kit.logs.events(event).length),
        [1, 1, 1, 1],
      );
    } finally {
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad options fail at once, naming the field; a missing ioredis names the package to install', () => {
    assert.throws(() => redisRateLimitStore({} as never), /redisRateLimitStore\(\): `url` is required/);
    assert.throws(() => redisRateLimitStore({ url: REDIS_URL, prefix: '' }), /`prefix` must be a non-empty string/);
    assert.throws(() => redisRateLimitStore({ url: REDIS_URL, commandTimeoutMs: 0 }), /`commandTimeoutMs` must be a finite number > 0/);
    assert.throws(() => redisRateLimitStore({ url: REDIS_URL, prfix: 'x' } as never), /unknown option `prfix` \(did you mean `prefix`\?\)/);
    const missing = (name: string) => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    assert.throws(
      () => loadPeers(['ioredis'], 'a rate limit shared on Redis (mendkit/redis)', missing),
      (error: unknown) => error instanceof ConfigError && /mendkit\/redis\) needs the package ioredis, not installed here: npm install ioredis/.test(error.message),
    );
  });
});
