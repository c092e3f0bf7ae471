// Compiled only by tsconfig.standard.json: what is particular to standard (TC39) decorators. The
// decorators' behavioural tests run in both conventions (see tsconfig.standard.json).
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Catch, ConfigError, fixed, Job, type JobContext, JOBS, Logged, Retry, Scheduler, Timeout } from 'mendkit';
import { createTestKit, MemoryRunHistory, type TestKit } from 'mendkit/testing';
import { DECORATOR_MODE } from '../support/decoratorMode';
import { failingThen, systemError } from '../support/failing';

const METADATA = (Symbol as { metadata?: symbol }).metadata!;

describe('standard decorators', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it('this build is compiled with standard decorators, and holds no second copy of mendkit', () => {
    assert.equal(DECORATOR_MODE, 'standard');
    const build = path.join(__dirname, '..', '..');
    assert.deepEqual(readdirSync(build).filter((entry) => entry !== 'bench').sort(), ['test']);
    assert.equal(existsSync(path.join(build, 'src')), false);
  });

  it('keep their metadata in Class[Symbol.metadata], not in Reflect metadata', () => {
    class Api {
      @Retry({ attempts: 2 })
      async fetch(): Promise<string> {
        return 'ok';
      }
    }
    assert.equal(Object.hasOwn(Api, METADATA), true);
    assert.deepEqual(Reflect.getOwnMetadataKeys(Api.prototype, 'fetch'), []);
  });

  it('decorate static and #private methods, naming the declaring class in logs', async () => {
    class Api {
      static readonly flaky = failingThen([systemError('ECONNRESET')], 'static ok');
      readonly flaky = failingThen([systemError('ECONNRESET')], 'private ok');

      @Logged()
      @Retry({ attempts: 2, backoff: fixed(0) })
      static async load(): Promise<string> {
        return Api.flaky.run();
      }

      @Logged()
      @Retry({ attempts: 2, backoff: fixed(0) })
      async #fetch(): Promise<string> {
        return this.flaky.run();
      }

      fetch(): Promise<string> {
        return this.#fetch();
      }
    }
    assert.equal(await Api.load(), 'static ok');
    assert.equal(await new Api().fetch(), 'private ok');
    assert.deepEqual(
      kit.logs.events('call.success').map((line) => line.component),
      ['Api.load', 'Api.#fetch'],
    );
  });

  it('a subclass calling an inherited decorated method runs the parent’s pipeline, under the parent’s name', async () => {
    class Base {
      @Logged()
      async run(): Promise<string> {
        return 'base';
      }
    }
    class Child extends Base {}
    assert.equal(await new Child().run(), 'base');
    assert.equal(kit.logs.events('call.success')[0]?.component, 'Base.run');
  });

  it('check a handler name of a static method when the class is defined', () => {
    assert.throws(
      () => {
        class Sync {
          @Catch('ENOENT', 'fallbak')
          static async run(): Promise<void> {}
        }
        return Sync;
      },
      { name: 'ConfigError', message: /@Catch on Sync\.run: the handler `fallbak` is not a method of the class/ },
    );
  });

  it('and legacy ones are not mixed on one class', () => {
    class Api {
      @Timeout(100)
      async fetch(): Promise<string> {
        return 'ok';
      }
      async other(): Promise<string> {
        return 'ok';
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(Api.prototype, 'other')!;
    // Called by hand with three arguments: the legacy convention.
    const legacy = Retry() as (target: object, property: string, descriptor: PropertyDescriptor) => void;
    assert.throws(() => legacy(Api.prototype, 'other', descriptor), (error: unknown) =>
      error instanceof ConfigError && /@Retry on Api\.other: Api mixes legacy and standard decorators/.test(error.message),
    );
  });

  it('@Job: run through the scheduler, the job built by a factory (no constructor types are recorded)', async () => {
    class Store {
      readonly saved: string[] = [];
    }
    @Job({ name: 'backup', every: '1h' })
    class Backup {
      readonly flaky = failingThen([systemError('ECONNRESET')], 'saved');
      constructor(private readonly store: Store) {}
      @Retry({ attempts: 2, backoff: fixed(0) })
      async run(context: JobContext): Promise<void> {
        this.store.saved.push(`${context.job}:${await this.flaky.run()}`);
      }
    }
    const store = new Store();
    kit.container.register(Store, { useValue: store });
    kit.container.register(Backup, { useFactory: (c) => new Backup(c.resolve(Store)) });
    const history = new MemoryRunHistory();
    const record = await new Scheduler({ jobs: [Backup], history }).runNow('backup');
    assert.equal(record.outcome, 'succeeded');
    assert.equal(record.attempts, 2);
    assert.deepEqual(store.saved, ['backup:saved']);
  });

  it('@Job: discovered through JOBS registered with a factory', async () => {
    let ran = 0;
    @Job({ name: 'listed', every: '1h' })
    class Listed {
      constructor(private readonly step: number) {}
      async run(): Promise<void> {
        ran += this.step;
      }
    }
    kit.container.register(JOBS, { useFactory: () => new Listed(2) });
    const scheduler = new Scheduler({ history: new MemoryRunHistory() });
    assert.deepEqual(scheduler.jobNames, ['listed']);
    await scheduler.runNow('listed');
    assert.equal(ran, 2);
  });

  it('@Job: a job class whose constructor takes parameters and has no factory is refused with what to do', () => {
    @Job({ name: 'needs', every: '1h' })
    class Needs {
      constructor(readonly step: number) {}
      async run(): Promise<void> {}
    }
    assert.throws(() => new Scheduler({ jobs: [Needs], history: new MemoryRunHistory() }).jobNames, (error: unknown) =>
      error instanceof ConfigError && /scheduler: cannot build Needs from the container.*useFactory/.test(error.message),
    );
  });
});
