import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Catch, type CallContext, ConfigError, errors, fixed, Retry, RetryExhaustedError } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { decoratedAt } from './support/decoratorMode';
import { systemError } from './support/failing';

describe('@Catch', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it("hands a matching error to a method of the class, with the call's arguments; its result is the call's", async () => {
    const denied = systemError('EACCES', "EACCES: permission denied, open '/var/reports/a.csv'");
    class Exporter {
      readonly skipped: string[] = [];
      @Catch(errors.permissionDenied, 'skipReport')
      async export(_path: string, _rows: number): Promise<string> {
        throw denied;
      }
      skipReport(error: unknown, path: string, rows: number) {
        assert.equal(error, denied);
        this.skipped.push(`${path}:${rows}`);
        return 'skipped';
      }
    }
    const exporter = new Exporter();
    assert.equal(await exporter.export('/var/reports/a.csv', 7), 'skipped');
    assert.deepEqual(exporter.skipped, ['/var/reports/a.csv:7']);
  });

  it('hands a matching error to a function with the call context', async () => {
    let seen: CallContext | undefined;
    class Loader {
      @Catch('ENOENT', (_error, context) => {
        seen = context;
        return { defaults: true };
      })
      async load(_path: string): Promise<object> {
        throw systemError('ENOENT');
      }
    }
    assert.deepEqual(await new Loader().load('/etc/app.json'), { defaults: true });
    assert.equal(seen?.className, 'Loader');
    assert.equal(seen?.method, 'load');
    assert.deepEqual(seen?.args, ['/etc/app.json']);
  });

  it('lets an error no rule matches through unchanged', async () => {
    const bug = new TypeError('x is not a function');
    class Loader {
      @Catch(errors.fileNotFound, 'fallback')
      async load() {
        throw bug;
      }
      fallback() {
        return 'fallback';
      }
    }
    await assert.rejects(new Loader().load(), (error) => error === bug);
    assert.equal(kit.logs.events('catch.handled').length, 0);
  });

  it('uses the first matching @Catch from the top', async () => {
    class Sync {
      @Catch('ENOSPC', 'first')
      @Catch(errors.anyOf('ENOSPC', 'EACCES'), 'second')
      async run(code: string) {
        throw systemError(code);
      }
      first() {
        return 'first';
      }
      second() {
        return 'second';
      }
    }
    assert.equal(await new Sync().run('ENOSPC'), 'first');
    assert.equal(await new Sync().run('EACCES'), 'second');
  });

  it('lets the handler rethrow, or wait for an async handler', async () => {
    class Sync {
      @Catch('EACCES', async () => {
        throw new Error('escalated');
      })
      async run() {
        throw systemError('EACCES');
      }
      @Catch('EBUSY', 'later')
      async busy() {
        throw systemError('EBUSY');
      }
      async later() {
        await Promise.resolve();
        return 'later';
      }
    }
    await assert.rejects(new Sync().run(), /escalated/);
    assert.equal(await new Sync().busy(), 'later');
  });

  it('sees what @Retry gave up on, whatever the decorator order, and matches through its cause', async () => {
    let calls = 0;
    class Sync {
      @Retry({ attempts: 2, backoff: fixed(5) })
      @Catch(errors.network, 'offline')
      async run() {
        calls += 1;
        throw systemError('ECONNREFUSED');
      }
      offline(error: unknown) {
        assert.ok(error instanceof RetryExhaustedError);
        return 'offline';
      }
    }
    assert.equal(await new Sync().run(), 'offline');
    assert.equal(calls, 2);
  });

  it('always logs what it handled', async () => {
    class Loader {
      @Catch(errors.fileNotFound, 'fallback')
      async load() {
        throw systemError('ENOENT', "ENOENT: no such file or directory, open '/etc/app.json'");
      }
      fallback() {
        return {};
      }
    }
    await new Loader().load();
    const [line] = kit.logs.events('catch.handled');
    assert.deepEqual(
      { level: line?.level, component: line?.component, code: line?.code, handler: line?.handler, matcher: line?.matcher },
      { level: 'warn', component: 'Loader.load', code: 'ENOENT', handler: 'fallback', matcher: 'code ENOENT' },
    );
    assert.equal((line?.error as { message?: string }).message, "ENOENT: no such file or directory, open '/etc/app.json'");
  });

  it('refuses a matcher that matches every error unless { broad: true }', () => {
    const define = (matcher: Parameters<typeof Catch>[0], options?: Parameters<typeof Catch>[2]) => {
      class Sync {
        @Catch(matcher, 'fallback', options)
        async run() {}
        fallback() {}
      }
      return Sync;
    };
    for (const matcher of [Error, () => true, /.*/]) {
      assert.throws(() => define(matcher), (error: unknown) =>
        error instanceof ConfigError && new RegExp(`@Catch on ${decoratedAt('Sync', 'run')}: the matcher .* matches every error`).test(error.message),
      );
    }
    assert.doesNotThrow(() => define(Error, { broad: true }));
  });

  it('refuses a handler name that is not a method of the class, once the class is complete', () => {
    assert.throws(
      () => {
        class Sync {
          @Catch('ENOENT', 'fallbak')
          async run() {}
          fallback() {}
        }
        // Legacy decorators throw as the class is defined; standard ones when it is first constructed.
        return new Sync();
      },
      { name: 'ConfigError', message: /@Catch on Sync\.run: the handler `fallbak` is not a method of the class/ },
    );
  });

  it('finds inherited handler methods', async () => {
    class Base {
      fallback() {
        return 'from base';
      }
    }
    class Sync extends Base {
      @Catch('ENOENT', 'fallback')
      async run() {
        throw systemError('ENOENT');
      }
    }
    assert.equal(await new Sync().run(), 'from base');
  });
});
