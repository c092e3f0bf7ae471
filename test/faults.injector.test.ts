import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, configure, type FaultInjection, FaultInjector, type FaultRule, faults, Retry, Timeout } from 'mendkit';
import { useTestKit } from './support/useTestKit';

class Api {
  @Timeout(1000)
  async get(): Promise<string> {
    return 'ok';
  }

  @Timeout(1000)
  async put(): Promise<string> {
    return 'ok';
  }

  @Timeout(1000)
  static async ping(): Promise<string> {
    return 'pong';
  }
}

class Other {
  @Timeout(1000)
  async get(): Promise<string> {
    return 'ok';
  }
}

class Flaky {
  @Retry({ attempts: 3 })
  async get(): Promise<string> {
    return 'ok';
  }
}

const reset = faults.network('ECONNRESET');

/** The fault each of `calls` calls met (its code), or '-' for none. */
async function faultsOf(call: () => Promise<unknown>, calls: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < calls; i++) {
    seen.push(await call().then(() => '-', (error: { code?: string }) => error.code ?? '?'));
  }
  return seen;
}

/** Whether `count` hits out of `n` lies within 5 standard deviations of `n * rate`. */
function withinBounds(count: number, n: number, rate: number): boolean {
  const sigma = Math.sqrt(n * rate * (1 - rate));
  return Math.abs(count - n * rate) <= 5 * sigma;
}

describe('FaultInjector', () => {
  const kit = useTestKit({ autoAdvance: true });

  function inject(options: ConstructorParameters<typeof FaultInjector>[0]): FaultInjector {
    const injector = new FaultInjector(options);
    kit.container.register(FaultInjector, { useValue: injector });
    configure({ container: kit.container }); // pipelines built before pick the new injector up
    return injector;
  }

  it('over many calls the observed fault rate is within statistical bounds of the rate', async () => {
    const n = 10_000;
    for (const [rate, seed] of [[0.05, 1], [0.3, 2], [0.9, 3]] as const) {
      const injector = inject({ seed, rules: [{ rate, fault: reset }] });
      const seen = await faultsOf(() => new Api().get(), n);
      const count = seen.filter((code) => code === 'ECONNRESET').length;
      assert.ok(withinBounds(count, n, rate), `rate ${rate}: ${count} of ${n}`);
      assert.deepEqual(injector.injected(), { ECONNRESET: count });
      assert.equal(injector.attempts, n);
    }
  });

  it('rules that match one attempt share one draw: each rate is exact, and an attempt gets one fault at most', async () => {
    const n = 10_000;
    inject({ seed: 9, rules: [{ rate: 0.2, fault: reset }, { rate: 0.1, fault: faults.http(503) }] });
    const seen = await faultsOf(() => new Api().get(), n);
    const resets = seen.filter((code) => code === 'ECONNRESET').length;
    const unavailable = seen.filter((code) => code === 'HTTP_503').length;
    assert.ok(withinBounds(resets, n, 0.2), `resets ${resets}`);
    assert.ok(withinBounds(unavailable, n, 0.1), `503s ${unavailable}`);
  });

  it('the same seed replays the same sequence; another seed gives another', async () => {
    const rules: FaultRule[] = [{ rate: 0.3, fault: reset }, { rate: 0.2, fault: faults.fs('EBUSY') }];
    const run = async (seed: number) => {
      const heard: FaultInjection[] = [];
      inject({ seed, rules, onInject: (injection) => heard.push(injection) });
      const seen = await faultsOf(() => new Api().get(), 200);
      return { seen, heard };
    };
    const first = await run(42);
    const again = await run(42);
    assert.deepEqual(again, first);
    assert.ok(first.seen.includes('ECONNRESET') && first.seen.includes('EBUSY') && first.seen.includes('-'));
    assert.deepEqual(first.heard[0], { method: 'Api.get', attempt: 1, fault: first.seen.find((s) => s !== '-'), rule: first.heard[0]!.rule });
    assert.notDeepEqual((await run(43)).seen, first.seen);
  });

  it('an injector without a seed picks one and reports it, so the run can be replayed', async () => {
    const injector = inject({ rules: [{ rate: 0.5, fault: reset }] });
    const seen = await faultsOf(() => new Api().get(), 50);
    inject({ seed: injector.seed, rules: [{ rate: 0.5, fault: reset }] });
    assert.deepEqual(await faultsOf(() => new Api().get(), 50), seen);
  });

  it('`times` caps a rule', async () => {
    const injector = inject({ seed: 1, rules: [{ rate: 1, times: 3, fault: reset }] });
    assert.deepEqual(await faultsOf(() => new Api().get(), 5), ['ECONNRESET', 'ECONNRESET', 'ECONNRESET', '-', '-']);
    assert.deepEqual(injector.injected(), { ECONNRESET: 3 });
  });

  it('targets a class (by class or name), a method, a static method — and nothing else', async () => {
    inject({ seed: 1, rules: [{ rate: 1, target: Api, method: 'get', fault: reset }] });
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['ECONNRESET']);
    assert.deepEqual(await faultsOf(() => new Api().put(), 1), ['-']);
    assert.deepEqual(await faultsOf(() => new Other().get(), 1), ['-']);
    inject({ seed: 1, rules: [{ rate: 1, target: 'Other', fault: reset }] });
    assert.deepEqual(await faultsOf(() => new Other().get(), 1), ['ECONNRESET']);
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['-']);
    inject({ seed: 1, rules: [{ rate: 1, target: Api, method: 'ping', fault: reset }] });
    assert.deepEqual(await faultsOf(() => Api.ping(), 1), ['ECONNRESET']);
  });

  it('`when` decides per attempt: a fault on first attempts only is always retried away', async () => {
    inject({ seed: 1, rules: [{ rate: 1, when: ({ attempt }) => attempt === 1, fault: reset }] });
    assert.deepEqual(await faultsOf(() => new Flaky().get(), 3), ['-', '-', '-']);
    assert.deepEqual(kit.logs.events('retry.scheduled').map((line) => [line.attempt, line.code]), [
      [1, 'ECONNRESET'],
      [1, 'ECONNRESET'],
      [1, 'ECONNRESET'],
    ]);
  });

  it('disable, enable, add and clear take effect on the next attempt; a throwing listener changes nothing', async () => {
    const injector = inject({ seed: 1, enabled: false, onInject: () => { throw new Error('listener bug'); } });
    injector.add({ rate: 1, fault: reset });
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['-']);
    injector.enable();
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['ECONNRESET']);
    injector.disable();
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['-']);
    injector.enable().clear();
    assert.equal(injector.active, false);
    assert.deepEqual(await faultsOf(() => new Api().get(), 1), ['-']);
  });

  it('refuses bad rules and options with ConfigError naming the rule and field', () => {
    const refuses = (options: unknown, pattern: RegExp) =>
      assert.throws(() => new FaultInjector(options as never), (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
    refuses({ rules: [{ rate: 1.5, fault: reset }] }, /rule 1 \(ECONNRESET\): `rate` must be a number from 0 to 1, got 1.5/);
    refuses({ rules: [{ rate: 0.1, fault: reset }, { rate: 0.1 }] }, /rule 2: `fault` must be made with faults\.\*/);
    refuses({ rules: [{ rate: 0.1, fault: reset, time: 2 }] }, /unknown option `time` \(did you mean `times`\?\)/);
    refuses({ rules: [{ rate: 0.1, fault: reset, times: 0 }] }, /`times` must be an integer ≥ 1/);
    refuses({ rules: [{ rate: 0.1, fault: reset, target: 3 }] }, /`target` must be a class or a class name/);
    refuses({ seed: -1 }, /`seed` must be an integer ≥ 0/);
    refuses({ seed: 2 ** 32 }, /`seed` must be at most 4294967295/);
    refuses({ rules: 'ECONNRESET' }, /`rules` must be a list/);
  });
});
