import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { container as rootContainer, injectable } from 'tsyringe';
import { Catch, CLOCK, configure, currentCall, fixed, LOGGER, Retry, Timeout } from 'mendkit';
import { FakeClock } from 'mendkit/testing';
import { systemError } from './support/failing';
import { useTestKit } from './support/useTestKit';

describe('the call pipeline', () => {
  const kit = useTestKit({ autoAdvance: true });

  it('passes this, the arguments, the return value and a thrown error through unchanged', async () => {
    const failure = new RangeError('boom');
    const result = { rows: [1, 2] };
    class Repo {
      constructor(readonly name: string) {}
      @Retry()
      @Catch('ENOENT', 'fallback')
      @Timeout(1000)
      async load(a: number, b: { x: string }, ...rest: string[]) {
        return { self: this, a, b, rest, result };
      }
      @Retry()
      async fail() {
        throw failure;
      }
      fallback() {}
    }
    const repo = new Repo('r1');
    const arg = { x: 'y' };
    const out = await repo.load(1, arg, 'p', 'q');
    assert.equal(out.self, repo);
    assert.equal(out.b, arg);
    assert.deepEqual(out.rest, ['p', 'q']);
    assert.equal(out.result, result);
    await assert.rejects(repo.fail(), (error) => error === failure);
  });

  it('passes exactly the arguments given, however many, to every attempt', async () => {
    const seen: unknown[][] = [];
    class Api {
      @Retry({ attempts: 2, backoff: fixed(0) })
      async get(..._args: unknown[]) {
        seen.push([...arguments]);
        if (seen.length % 2 === 1) throw systemError('ECONNRESET');
        return arguments.length;
      }
    }
    const api = new Api();
    const calls: unknown[][] = [[], [undefined], [1, 'two'], [1, 2, 3], [1, 2, 3, 4, 5]];
    for (const args of calls) assert.equal(await api.get(...args), args.length);
    assert.deepEqual(seen, calls.flatMap((args) => [args, args]));
  });

  it('runs the stages in the same order whatever order the decorators are written in', async () => {
    const outcomes: string[] = [];
    const define = (order: 'catch-first' | 'catch-last') => {
      let calls = 0;
      const body = async () => {
        calls += 1;
        throw systemError('ECONNRESET');
      };
      const handle = () => `handled after ${calls} attempts`;
      if (order === 'catch-first') {
        class Sync {
          @Catch('ECONNRESET', handle)
          @Retry({ attempts: 3, backoff: fixed(1) })
          @Timeout(100)
          run() {
            return body();
          }
        }
        return new Sync();
      }
      class Sync {
        @Timeout(100)
        @Retry({ attempts: 3, backoff: fixed(1) })
        @Catch('ECONNRESET', handle)
        run() {
          return body();
        }
      }
      return new Sync();
    };
    outcomes.push(String(await define('catch-first').run()));
    outcomes.push(String(await define('catch-last').run()));
    assert.deepEqual(outcomes, ['handled after 3 attempts', 'handled after 3 attempts']);
  });

  it('runs unannotated synchronous methods: their result and their throw arrive as a promise', async () => {
    class Calc {
      @Retry()
      double(n: number) {
        return n * 2;
      }
      @Catch(RangeError, () => 'caught')
      explode() {
        throw new RangeError('sync throw');
      }
    }
    const pending: unknown = new Calc().double(21);
    assert.ok(pending instanceof Promise);
    assert.equal(await pending, 42);
    assert.equal(await new Calc().explode(), 'caught');
  });

  it('refuses, when the class is defined, a method declared to return something other than a Promise', () => {
    assert.throws(
      () => {
        class Calc {
          @Retry()
          double(n: number): number {
            return n * 2;
          }
        }
        return Calc;
      },
      { name: 'ConfigError', message: /@Retry on Calc\.double: the method is declared to return Number, but a decorated method always returns a Promise/ },
    );
  });

  it('supports static methods', async () => {
    let calls = 0;
    class Tools {
      static prefix = 'v';
      @Retry({ backoff: fixed(1) })
      static async version() {
        calls += 1;
        if (calls === 1) throw systemError('EAGAIN');
        return `${this.prefix}1`;
      }
    }
    assert.equal(await Tools.version(), 'v1');
    assert.equal(calls, 2);
  });

  it('keeps instances apart', async () => {
    class Counter {
      count = 0;
      @Retry()
      async bump() {
        return ++this.count;
      }
    }
    const a = new Counter();
    const b = new Counter();
    await a.bump();
    await a.bump();
    await b.bump();
    assert.deepEqual([a.count, b.count], [2, 1]);
  });

  it("gives a subclass override its own decorators; the parent's neither leak in nor out", async () => {
    const calls: string[] = [];
    class Base {
      @Retry({ attempts: 3, backoff: fixed(1) })
      async run(): Promise<string> {
        calls.push('base');
        throw systemError('ECONNRESET');
      }
    }
    class Plain extends Base {
      override async run(): Promise<string> {
        calls.push('plain');
        throw systemError('ECONNRESET');
      }
    }
    class Caught extends Base {
      @Catch('ECONNRESET', () => 'caught')
      override async run(): Promise<string> {
        calls.push('caught');
        throw systemError('ECONNRESET');
      }
    }
    await assert.rejects(new Plain().run(), { code: 'ECONNRESET' });
    assert.deepEqual(calls.splice(0), ['plain']);
    assert.equal(await new Caught().run(), 'caught');
    assert.deepEqual(calls.splice(0), ['caught']);
    await assert.rejects(new Base().run(), { name: 'RetryExhaustedError' });
    assert.deepEqual(calls.splice(0), ['base', 'base', 'base']);
  });

  it('keeps the method name, and wraps a method once however many decorators it has', () => {
    class Sync {
      @Retry()
      @Catch('ENOENT', () => null)
      @Timeout(10)
      async runNightly() {}
    }
    assert.equal(Sync.prototype.runNightly.name, 'runNightly');
  });

  it('works with tsyringe injection', async () => {
    @injectable()
    class Api {
      base = 'http://127.0.0.1';
    }
    @injectable()
    class Sync {
      constructor(readonly api: Api) {}
      @Retry()
      async url() {
        return this.api.base;
      }
    }
    assert.equal(await kit.container.resolve(Sync).url(), 'http://127.0.0.1');
  });

  it('picks up a new container after configure(), on the next call', async () => {
    class Sync {
      @Retry({ backoff: fixed(300) })
      async run(fail: boolean) {
        if (fail) throw systemError('ECONNRESET');
      }
    }
    await new Sync().run(false).catch(() => undefined);
    const other = rootContainer.createChildContainer();
    const clock = new FakeClock({ autoAdvance: true });
    other.register(CLOCK, { useValue: clock });
    other.register(LOGGER, { useValue: kit.logger });
    configure({ container: other });
    await assert.rejects(new Sync().run(true));
    assert.deepEqual(clock.sleeps, [300, 300]);
    assert.deepEqual(kit.clock.sleeps, []);
  });
});

describe('currentCall()', () => {
  const kit = useTestKit({ autoAdvance: true });
  afterEach(() => {
    configure({ asyncContext: false });
  });

  it('is available synchronously at the start of the method', async () => {
    class Sync {
      @Retry()
      async run(_id: string) {
        const call = currentCall();
        await Promise.resolve();
        return { attempt: call.attempt, className: call.className, method: call.method, args: call.args, logger: call.logger };
      }
    }
    const seen = await new Sync().run('a1');
    assert.deepEqual({ ...seen, logger: undefined }, { attempt: 1, className: 'Sync', method: 'run', args: ['a1'], logger: undefined });
    seen.logger.info('from the method');
    assert.equal(kit.logs.entries.at(-1)?.message, 'from the method');
  });

  it('says how to fix it when read after an await without async context, or outside a decorated method', async () => {
    class Sync {
      @Retry()
      async run() {
        await Promise.resolve();
        return currentCall();
      }
    }
    await assert.rejects(new Sync().run(), { name: 'ConfigError', message: /read it before the first `await`, or turn on configure\(\{ asyncContext: true \}\)/ });
    assert.throws(() => currentCall(), { name: 'ConfigError' });
  });

  it('restores the outer call after a nested decorated call', async () => {
    class Inner {
      @Retry()
      async run() {
        return currentCall().className;
      }
    }
    class Outer {
      @Retry()
      async run() {
        const inner = new Inner().run();
        return [await inner, currentCall().className];
      }
    }
    await assert.rejects(new Outer().run(), { name: 'ConfigError' });
    class OuterReadFirst {
      @Retry()
      async run() {
        const call = currentCall();
        const inner = new Inner().run();
        return [call.className, currentCall().className, await inner];
      }
    }
    assert.deepEqual(await new OuterReadFirst().run(), ['OuterReadFirst', 'OuterReadFirst', 'Inner']);
  });

  it('works after an await when configure({ asyncContext: true }), and concurrent calls stay apart', async () => {
    configure({ asyncContext: true });
    class Sync {
      @Retry()
      async run(_id: string) {
        await new Promise((resolve) => setImmediate(resolve));
        return currentCall().args[0];
      }
    }
    assert.deepEqual(await Promise.all([new Sync().run('a'), new Sync().run('b')]), ['a', 'b']);
  });

  it('creates the abort signal only when the method asks for it', async () => {
    const created: number[] = [];
    const Original = globalThis.AbortController;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        created.push(1);
      }
    };
    try {
      class Sync {
        @Timeout(1000)
        async quiet() {
          return 'ok';
        }
        @Timeout(1000)
        async listening() {
          return currentCall().signal.aborted;
        }
      }
      await new Sync().quiet();
      assert.equal(created.length, 0);
      assert.equal(await new Sync().listening(), false);
      assert.equal(created.length, 1);
    } finally {
      globalThis.AbortController = Original;
    }
  });
});
