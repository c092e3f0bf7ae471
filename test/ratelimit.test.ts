import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CircuitBreaker,
  ConfigError,
  RATE_LIMIT_STORE,
  RateLimit,
  RateLimitedError,
  RateLimitStoreDownError,
  type RateLimitStore,
  Retry,
  breakers,
  rateLimits,
} from 'mendkit';
import { outcome } from './support/scripted';
import { useTestKit } from './support/useTestKit';

/** Records when (by the kit's clock) each call started. */
class Recorder {
  readonly starts: [number, number][] = [];
  constructor(private readonly now: () => number) {}
  protected record(id: number): number {
    this.starts.push([id, this.now()]);
    return id;
  }
}

class Waiting extends Recorder {
  @RateLimit({ limit: 3, per: 1000, mode: 'wait' })
  async call(id: number): Promise<number> {
    return this.record(id);
  }
}

class Bounded extends Recorder {
  @RateLimit({ limit: 1, per: 1000, mode: 'wait', maxWait: 1500 })
  async call(id: number): Promise<number> {
    return this.record(id);
  }
}

class Rejecting extends Recorder {
  @RateLimit({ limit: 2, per: 1000, mode: 'reject' })
  async call(id: number): Promise<number> {
    return this.record(id);
  }
}

class PerTenant extends Recorder {
  @RateLimit({ limit: 1, per: 1000, mode: 'reject', key: (tenant: string) => tenant })
  async call(tenant: string): Promise<string> {
    this.record(0);
    return tenant;
  }
}

class Retried extends Recorder {
  @Retry({ attempts: 3 })
  @CircuitBreaker({ consecutive: 1 })
  @RateLimit({ limit: 1, per: 1000, mode: 'reject' })
  async call(id: number): Promise<number> {
    return this.record(id);
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('@RateLimit (in memory, fake clock)', () => {
  const kit = useTestKit({ now: 0 });

  it('wait: 8 calls at once, limit 3 per 1000 ms, start at exactly 0,0,0, 1000,1000,1000, 2000,2000, in order', async () => {
    const limited = new Waiting(() => kit.clock.now());
    const calls = Array.from({ length: 8 }, (_, id) => limited.call(id));
    await settle();
    assert.deepEqual(limited.starts, [[0, 0], [1, 0], [2, 0]]);
    assert.deepEqual(rateLimits(kit.container), [{ name: 'Waiting.call', key: undefined, limit: 3, perMs: 1000, shared: false, queued: 5 }]);
    await kit.clock.advance(999);
    assert.equal(limited.starts.length, 3, 'nothing before the first grant leaves the window');
    await kit.clock.advance(1);
    await kit.clock.advance(1000);
    assert.deepEqual(await Promise.all(calls), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(limited.starts, [[0, 0], [1, 0], [2, 0], [3, 1000], [4, 1000], [5, 1000], [6, 2000], [7, 2000]]);
    assert.deepEqual(kit.clock.sleeps, [1000, 1000], 'one timer per slot, not one per waiting call');
    assert.deepEqual(kit.logs.events('ratelimit.waited').map((line) => line.waitedMs), [1000, 1000, 1000, 2000, 2000]);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('wait: a sliding window, not fixed buckets — each slot frees exactly `per` after the start it replaces', async () => {
    const limited = new Waiting(() => kit.clock.now());
    const calls: Promise<number>[] = [];
    for (const [id, at] of [[0, 0], [1, 300], [2, 600], [3, 700], [4, 1250], [5, 1299]] as const) {
      await kit.clock.advance(at - kit.clock.now());
      calls.push(limited.call(id));
    }
    await kit.clock.advance(3000);
    await Promise.all(calls);
    assert.deepEqual(limited.starts, [[0, 0], [1, 300], [2, 600], [3, 1000], [4, 1300], [5, 1600]]);
  });

  it('wait with maxWait: a call that cannot get a slot in time fails with RateLimitedError as soon as that is known', async () => {
    const limited = new Bounded(() => kit.clock.now());
    const calls = [0, 1, 2].map((id) => outcome(limited.call(id)));
    await settle();
    await kit.clock.advance(1000);
    const [first, second, third] = await Promise.all(calls);
    assert.deepEqual([first, second], [{ value: 0 }, { value: 1 }]);
    assert.ok('error' in third! && third.error instanceof RateLimitedError);
    assert.equal(third.error.retryAfterMs, 1000);
    assert.deepEqual(limited.starts, [[0, 0], [1, 1000]]);
    const [line] = kit.logs.events('ratelimit.rejected');
    assert.deepEqual(line, { ...line, level: 'warn', component: 'Bounded.call', mode: 'wait', retryAfterMs: 1000, limit: 1, perMs: 1000 });
  });

  it('reject: the call past the limit fails at once with the exact wait to the next slot', async () => {
    const limited = new Rejecting(() => kit.clock.now());
    await limited.call(0);
    await kit.clock.advance(400);
    await limited.call(1);
    const error = await limited.call(2).then(() => assert.fail('not rejected'), (e: unknown) => e);
    assert.ok(error instanceof RateLimitedError);
    assert.deepEqual(
      { code: error.code, site: error.site, retryAfterMs: error.retryAfterMs, limit: error.limit, perMs: error.perMs },
      { code: 'MENDKIT_RATE_LIMITED', site: 'Rejecting.call', retryAfterMs: 600, limit: 2, perMs: 1000 },
    );
    await kit.clock.advance(600);
    assert.equal(await limited.call(3), 3);
  });

  it('key: each key has its own limit', async () => {
    const limited = new PerTenant(() => kit.clock.now());
    assert.equal(await limited.call('a'), 'a');
    assert.equal(await limited.call('b'), 'b');
    const error = await limited.call('a').catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError && error.key === 'a');
  });

  it('@Retry waits exactly the retryAfterMs a RateLimitedError carries; the breaker does not count it', async () => {
    const limited = new Retried(() => kit.clock.now());
    await limited.call(0);
    await kit.clock.advance(250);
    const second = limited.call(1);
    await settle();
    assert.deepEqual(kit.clock.sleeps, [750]);
    await kit.clock.advance(750);
    assert.equal(await second, 1);
    assert.deepEqual(limited.starts, [[0, 0], [1, 1000]]);
    assert.deepEqual(breakers(kit.container).map((breaker) => breaker.state), ['closed']);
  });

  it('a shared store that fails: onStoreDown reject fails closed, logged once; the store answering again is logged', async () => {
    let failing = true;
    const store: RateLimitStore = {
      take: async () => {
        if (failing) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        return 0;
      },
    };
    kit.container.register(RATE_LIMIT_STORE, { useValue: store });
    class Closed {
      @RateLimit({ limit: 5, per: 1000, mode: 'wait' })
      async call(): Promise<string> {
        return 'ran';
      }
    }
    class Open {
      @RateLimit({ limit: 5, per: 1000, mode: 'reject', onStoreDown: 'allow' })
      async call(): Promise<string> {
        return 'ran';
      }
    }
    const closed = new Closed();
    for (let i = 0; i < 2; i++) await assert.rejects(closed.call(), RateLimitStoreDownError);
    assert.equal(await new Open().call(), 'ran');
    const down = kit.logs.events('ratelimit.store_down');
    assert.deepEqual(
      down.map((line) => [line.component, line.onStoreDown, line.code, line.level]),
      [['Closed.call', 'reject', 'ECONNREFUSED', 'error'], ['Open.call', 'allow', 'ECONNREFUSED', 'error']],
    );
    failing = false;
    assert.equal(await closed.call(), 'ran');
    assert.equal(kit.logs.events('ratelimit.store_recovered').length, 1);
  });

  it('bad options fail at decoration, naming the field', () => {
    const decorate = (options: unknown) => () => {
      class Bad {
        @RateLimit(options as never)
        async call(): Promise<void> {}
      }
      return Bad;
    };
    const cases: [unknown, RegExp][] = [
      [undefined, /options are required: \{ limit, per, mode \}/],
      [{ per: 1000, mode: 'wait' }, /`limit` is required/],
      [{ limit: 0, per: 1000, mode: 'wait' }, /`limit` must be an integer ≥ 1, got 0/],
      [{ limit: 1, per: -5, mode: 'wait' }, /`per` must be a finite number > 0/],
      [{ limit: 1, per: 1000, mode: 'queue' }, /`mode` must be one of "wait", "reject"/],
      [{ limit: 1, per: 1000, mode: 'reject', maxWait: 10 }, /`maxWait` applies only to mode 'wait'/],
      [{ limit: 1, per: 1000, mode: 'wait', onStoreDown: 'open' }, /`onStoreDown` must be one of "reject", "allow"/],
      [{ limit: 1, per: 1000, mode: 'wait', maxwait: 10 }, /unknown option `maxwait` \(did you mean `maxWait`\?\)/],
    ];
    for (const [options, message] of cases) {
      assert.throws(decorate(options), (error: unknown) => error instanceof ConfigError && message.test(error.message) && /@RateLimit|Bad\.call/.test(error.message));
    }
  });
});
