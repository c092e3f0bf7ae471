import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, Logged } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { decoratedAt } from './support/decoratorMode';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('@Logged', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  class Exporter {
    constructor(private readonly clock: { sleep(ms: number): Promise<void> }) {}

    @Logged()
    async export(path: string, options: { password: string; retries: number }): Promise<string> {
      await this.clock.sleep(250);
      return `${path}:${options.retries}`;
    }

    @Logged({ args: ['path'], result: true })
    async only(path: string, token: string): Promise<{ rows: number; token: string }> {
      return { rows: path.length, token };
    }

    @Logged({ args: false })
    async fail(_path: string): Promise<never> {
      await this.clock.sleep(40);
      throw Object.assign(new Error('open /data/x failed', { cause: new Error('disk') }), { code: 'EACCES' });
    }
  }

  it('logs call.start at debug with the arguments, redacted, and call.success at info with durationMs', async () => {
    const result = await new Exporter(kit.clock).export('/tmp/r.csv', { password: 'hunter2', retries: 2 });
    assert.equal(result, '/tmp/r.csv:2');
    const [start, success] = kit.logs.json().map(({ timestamp, ...line }) => line);
    const correlationId = start?.correlationId;
    assert.match(String(correlationId), UUID);
    assert.deepEqual(start, {
      level: 'debug',
      message: 'Exporter.export started',
      event: 'call.start',
      component: 'Exporter.export',
      correlationId,
      args: { path: '/tmp/r.csv', options: { password: '[REDACTED]', retries: 2 } },
    });
    assert.deepEqual(success, {
      level: 'info',
      message: 'Exporter.export succeeded in 250 ms',
      event: 'call.success',
      component: 'Exporter.export',
      correlationId,
      durationMs: 250,
    });
  });

  it('logs only the named arguments, and the result when asked (redacted)', async () => {
    await new Exporter(kit.clock).only('abc', 'tok-123');
    const [start, success] = kit.logs.json();
    assert.deepEqual(start?.args, { path: 'abc' });
    assert.deepEqual(success?.result, { rows: 3, token: '[REDACTED]' });
  });

  it('writes nothing while even error is off, and logs again as soon as the level is lowered', async () => {
    class Quiet {
      @Logged()
      async run() {
        return 'ok';
      }
    }
    kit.logger.level = 'critical';
    assert.equal(await new Quiet().run(), 'ok');
    assert.equal(kit.logs.entries.length, 0);
    kit.logger.level = 'info';
    await new Quiet().run();
    assert.deepEqual(kit.logs.entries.map((entry) => entry.event), ['call.success']);
  });

  it('logs call.failure at error with the serialised error and rethrows it unchanged', async () => {
    const exporter = new Exporter(kit.clock);
    const error = await exporter.fail('/data/x').catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, 'EACCES');
    const failure = kit.logs.events('call.failure')[0]!;
    assert.equal(failure.level, 'error');
    assert.equal(failure.message, 'Exporter.fail failed (EACCES) after 40 ms: open /data/x failed');
    assert.equal(failure.durationMs, 40);
    assert.equal(failure.code, 'EACCES');
    assert.equal(failure.args, undefined);
    const logged = failure.error as Record<string, unknown>;
    assert.equal(logged.name, 'Error');
    assert.equal(logged.code, 'EACCES');
    assert.match(String(logged.stack), /open \/data\/x failed/);
    assert.equal((logged.cause as Record<string, unknown>).message, 'disk');
  });

  it('rethrows a hostile error (a throwing code getter) unchanged, logging what it can', async () => {
    const hostile = new Error('hostile');
    Object.defineProperty(hostile, 'code', { get: () => { throw new Error('getter'); } });
    class Fragile {
      @Logged()
      async run(): Promise<void> {
        throw hostile;
      }
    }
    await assert.rejects(new Fragile().run(), (error: unknown) => error === hostile);
  });

  it('reads no argument (no getter runs) when debug is off', async () => {
    kit.logger.level = 'info';
    let reads = 0;
    const options = {
      get password(): string {
        reads += 1;
        return 'hunter2';
      },
      retries: 1,
    };
    await new Exporter(kit.clock).export('/tmp/r.csv', options);
    assert.deepEqual(kit.logs.entries.map((entry) => entry.event), ['call.success']);
    assert.equal(reads, 0);
  });

  it('writes each line through the class child logger', async () => {
    await new Exporter(kit.clock).only('abc', 't');
    class Other {
      @Logged()
      async run(): Promise<void> {}
    }
    await new Other().run();
    assert.deepEqual(kit.logs.entries.map((entry) => entry.component), ['Exporter.only', 'Exporter.only', 'Other.run', 'Other.run']);
  });

  it('refuses unknown options and unknown argument names when the class is defined', () => {
    assert.throws(
      () => {
        class Bad {
          @Logged({ arg: true } as never)
          async run(): Promise<void> {}
        }
        return Bad;
      },
      (e: unknown) => e instanceof ConfigError && new RegExp(`@Logged on ${decoratedAt('Bad', 'run')}: unknown option \`arg\` \\(did you mean \`args\`\\?\\)`).test(e.message),
    );
    assert.throws(
      () => {
        class Bad {
          @Logged({ args: ['pth'] })
          async run(_path: string): Promise<void> {}
        }
        return Bad;
      },
      new RegExp(`@Logged on ${decoratedAt('Bad', 'run')}: \`args\` names \`pth\`, which is not a parameter of the method \\(parameters: _path\\)`),
    );
    assert.throws(() => {
      class Bad {
        @Logged({ result: 'yes' } as never)
        async run(): Promise<void> {}
      }
      return Bad;
    }, /`result` must be one of true, false/);
  });
});
