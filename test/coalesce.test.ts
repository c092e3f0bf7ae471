import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Catch, Coalesce, ConfigError, currentCall, fixed, Job, Logged, Retry } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { deferred, outcome } from './support/scripted';

/** A config source whose every execution waits for `gate`: calls stay in flight until the test says. */
class ConfigSource {
  executions = 0;
  gate = deferred<string>();

  @Coalesce()
  async load(environment: string): Promise<string> {
    this.executions += 1;
    return `${environment}:${await this.gate.promise}`;
  }

  @Coalesce({ key: (tenant: string) => tenant })
  async page(tenant: string, page: number): Promise<string> {
    this.executions += 1;
    return `${tenant}/${page}:${await this.gate.promise}`;
  }

  @Coalesce()
  async any(value: unknown): Promise<unknown> {
    this.executions += 1;
    return value;
  }
}

/** Fails its first execution with ECONNRESET, then succeeds; retried once by the shared execution. */
class FlakySource {
  executions = 0;
  gate = deferred();

  @Coalesce()
  @Retry({ attempts: 3, backoff: fixed(10) })
  async load(): Promise<string> {
    this.executions += 1;
    await this.gate.promise;
    if (this.executions === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    return 'fresh';
  }
}

/** Each caller has its own start line and its own handling of the shared error. */
class Framed {
  executions = 0;
  gate = deferred();

  @Logged()
  @Catch('EACCES', (_error, call) => `handled for ${call.correlationId}`)
  @Coalesce({ key: 'refresh' })
  async refresh(): Promise<string> {
    this.executions += 1;
    await this.gate.promise;
    throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
  }
}

/** Its failed execution registers an undo step: it must run once, before any caller hears of the failure. */
class Undoing {
  executions = 0;
  undone = 0;
  gate = deferred();

  @Coalesce()
  async write(): Promise<void> {
    this.executions += 1;
    currentCall().onCleanup(() => {
      this.undone += 1;
    });
    await this.gate.promise;
    throw new Error('disk full');
  }
}

/** A job whose runs share one execution; each run's abort is its own. */
@Job({ name: 'coalesce-refresh', every: '1h' })
class RefreshJob {
  executions = 0;
  gate = deferred<string>();
  signals: AbortSignal[] = [];

  @Coalesce({ key: 'refresh' })
  async run(_context: object): Promise<string> {
    this.executions += 1;
    this.signals.push(currentCall().signal);
    return this.gate.promise;
  }
}

/** The key under which a scheduler's context carries its run scope (`RUN_SCOPE`, a registered symbol). */
const RUN_SCOPE = Symbol.for('mendkit.runScope');

/** The context a scheduler hands `run()`, with an abort the test controls. */
function runContext(controller: AbortController): object {
  return { [RUN_SCOPE]: { signal: controller.signal, settle: () => undefined } };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('@Coalesce', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ now: 0, autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it('50 concurrent calls with the same arguments: one execution, every caller gets its result', async () => {
    const source = new ConfigSource();
    const calls = Array.from({ length: 50 }, () => source.load('prod'));
    await settle();
    assert.equal(source.executions, 1);
    source.gate.resolve('v1');
    assert.deepEqual(await Promise.all(calls), Array.from({ length: 50 }, () => 'prod:v1'));
    assert.equal(source.executions, 1);
    const joined = kit.logs.events('coalesce.joined');
    assert.equal(joined.length, 49);
    assert.deepEqual(joined[48], { ...joined[48], level: 'debug', component: 'ConfigSource.load', waiting: 50 });
    assert.equal(typeof joined[0]!.sharedWith, 'string');
    assert.equal('key' in joined[0]!, false, 'the default key is the arguments, which may hold secrets: never logged');
  });

  it('50 concurrent calls, the execution fails: every caller gets the same error object', async () => {
    const source = new ConfigSource();
    const calls = Array.from({ length: 50 }, () => outcome(source.load('prod')));
    await settle();
    const failure = Object.assign(new Error('config server down'), { code: 'ECONNREFUSED' });
    source.gate.reject(failure);
    const results = await Promise.all(calls);
    assert.equal(source.executions, 1);
    for (const result of results) assert.ok('error' in result && result.error === failure);
  });

  it('different keys, and different objects, run separately', async () => {
    const source = new ConfigSource();
    const other = new ConfigSource();
    other.gate = source.gate;
    const calls = [source.load('prod'), source.load('test'), source.load('prod'), other.load('prod')];
    await settle();
    assert.equal(source.executions, 2, 'prod and test');
    assert.equal(other.executions, 1, 'another object never shares');
    source.gate.resolve('v1');
    assert.deepEqual(await Promise.all(calls), ['prod:v1', 'test:v1', 'prod:v1', 'prod:v1']);
  });

  it('two coalesced methods of one object never share, whatever their arguments', async () => {
    const source = new ConfigSource();
    const calls = [source.load('prod'), source.any('prod'), source.load('prod')];
    await settle();
    assert.equal(source.executions, 2);
    source.gate.resolve('v1');
    assert.deepEqual(await Promise.all(calls), ['prod:v1', 'prod', 'prod:v1']);
  });

  it('a key function picks what matters: calls for one tenant share whatever the page', async () => {
    const source = new ConfigSource();
    const calls = [source.page('acme', 1), source.page('acme', 2), source.page('globex', 1)];
    await settle();
    assert.equal(source.executions, 2);
    source.gate.resolve('v1');
    assert.deepEqual(await Promise.all(calls), ['acme/1:v1', 'acme/1:v1', 'globex/1:v1']);
    assert.equal(kit.logs.events('coalesce.joined')[0]!.key, 'acme', 'a key given by the option is logged');
  });

  it('nothing is cached: a call after the execution settled runs again, even one made the moment it settles', async () => {
    const source = new ConfigSource();
    source.gate.resolve('v1');
    let madeOnSettle: Promise<string> | undefined;
    const first = source.load('prod').then((value) => {
      madeOnSettle = source.load('prod');
      return value;
    });
    assert.equal(await first, 'prod:v1');
    assert.equal(await madeOnSettle, 'prod:v1');
    assert.equal(source.executions, 2, 'the call made in the first caller\u2019s continuation did not join a settled execution');
    await source.load('prod');
    assert.equal(source.executions, 3);
  });

  it('with @Retry inside, the shared execution retries once for every caller', async () => {
    const source = new FlakySource();
    const calls = Array.from({ length: 50 }, () => source.load());
    await settle();
    source.gate.resolve();
    assert.deepEqual(await Promise.all(calls), Array.from({ length: 50 }, () => 'fresh'));
    assert.equal(source.executions, 2, 'one failed attempt and one retry, for all 50 callers');
    assert.equal(kit.logs.events('retry.scheduled').length, 1);
  });

  it('state is per container: a call in a new container never joins one running in the old', async () => {
    const source = new ConfigSource();
    const old = source.load('prod');
    await settle();
    kit.dispose();
    kit = createTestKit({ now: 0 });
    const fresh = source.load('prod');
    await settle();
    assert.equal(source.executions, 2);
    source.gate.resolve('v1');
    assert.deepEqual(await Promise.all([old, fresh]), ['prod:v1', 'prod:v1']);
  });

  it('each caller keeps its own @Logged lines and its own @Catch handling of the shared error', async () => {
    const framed = new Framed();
    const calls = [framed.refresh(), framed.refresh(), framed.refresh()];
    await settle();
    framed.gate.resolve();
    const results = await Promise.all(calls);
    assert.equal(framed.executions, 1);
    const starts = kit.logs.events('call.start').map((line) => line.correlationId);
    assert.equal(new Set(starts).size, 3, 'three callers, three correlation ids');
    assert.deepEqual(results, starts.map((id) => `handled for ${id}`));
    assert.equal(kit.logs.events('catch.handled').length, 3);
    assert.equal(kit.logs.events('call.success').length, 3);
  });

  it('a caller whose signal aborts leaves with its own reason; the execution goes on for the others', async () => {
    const job = new RefreshJob();
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = outcome(job.run(runContext(leaving)));
    const stays = job.run(runContext(staying));
    await settle();
    const reason = new Error('this run was stopped');
    leaving.abort(reason);
    const gone = await left;
    assert.ok('error' in gone && gone.error === reason, 'the leaving caller sees its own abort');
    assert.equal(job.signals[0]!.aborted, false, 'the shared execution is not aborted');
    job.gate.resolve('done');
    assert.equal(await stays, 'done');
    assert.equal(job.executions, 1);
    assert.equal(kit.logs.events('coalesce.abandoned').length, 0);
  });

  it('when every caller has left, the execution is aborted and forgotten: the next call starts afresh', async () => {
    const job = new RefreshJob();
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((controller) => outcome(job.run(runContext(controller))));
    await settle();
    controllers[0]!.abort(new Error('first stopped'));
    assert.equal(job.signals[0]!.aborted, false);
    const last = new Error('last stopped');
    controllers[1]!.abort(last);
    await Promise.all(calls);
    assert.equal(job.signals[0]!.reason, last, 'aborted with the last caller\u2019s reason');
    assert.equal(kit.logs.events('coalesce.abandoned').length, 1);
    const next = job.run(runContext(new AbortController()));
    await settle();
    assert.equal(job.executions, 2, 'the abandoned execution is not joined');
    job.gate.resolve('done');
    assert.equal(await next, 'done');
  });

  it('the shared execution\u2019s undo steps run once, before any caller gets its failure', async () => {
    const undoing = new Undoing();
    const undoneWhenRejected: number[] = [];
    const calls = Array.from({ length: 5 }, () =>
      undoing.write().catch((error: unknown) => {
        undoneWhenRejected.push(undoing.undone);
        return error;
      }),
    );
    await settle();
    undoing.gate.resolve();
    const errors = await Promise.all(calls);
    assert.equal(new Set(errors).size, 1);
    assert.equal(undoing.executions, 1);
    assert.deepEqual(undoneWhenRejected, [1, 1, 1, 1, 1]);
  });

  it('arguments that cannot be keyed are refused at the call, before anything runs, asking for a key', async () => {
    const source = new ConfigSource();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const [value, what] of [
      [new Date(0), 'a Date instance'],
      [new Map(), 'a Map instance'],
      [() => 1, 'a function'],
      [{ nested: [1, Symbol('s')] }, 'argument 0.nested[1] is a symbol'],
      [circular, 'argument 0.self is a circular reference'],
      [{ [Symbol('s')]: 1 }, 'symbol keys'],
    ] as const) {
      await assert.rejects(source.any(value), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^@Coalesce on ConfigSource\.any: argument 0/);
        assert.ok(error.message.includes(what), error.message);
        assert.match(error.message, /give @Coalesce a `key`/);
        return true;
      });
    }
    assert.equal(source.executions, 0);
    assert.deepEqual(await source.any({ b: [1, null, undefined], a: 'x' }), { b: [1, null, undefined], a: 'x' }, 'plain data is keyed');
  });

  it('a key function that returns no string is refused at the call', async () => {
    class BadKey {
      @Coalesce({ key: () => 42 as unknown as string })
      async run(): Promise<void> {}
    }
    await assert.rejects(new BadKey().run(), /@Coalesce on BadKey\.run: the `key` function returned 42/);
  });
});

describe('@Coalesce options', () => {
  it('are checked when the class is defined, naming the method (and the class, with legacy decorators) and the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ key: 42 }, /@Coalesce on (Bad\.)?run: `key` must be a string or a function/],
      [{ keys: 'x' }, /@Coalesce on (Bad\.)?run: unknown option `keys` \(did you mean `key`\?\)/],
      ['refresh', /@Coalesce on (Bad\.)?run: options must be an object/],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => {
        class Bad {
          @Coalesce(options as never)
          async run(): Promise<void> {}
        }
        return Bad;
      }, (error: unknown) => error instanceof ConfigError && message.test(error.message));
    }
  });

  it('@Coalesce twice on one method is refused', () => {
    assert.throws(() => {
      class Twice {
        @Coalesce()
        @Coalesce({ key: 'x' })
        async run(): Promise<void> {}
      }
      return Twice;
    }, ConfigError);
  });
});
