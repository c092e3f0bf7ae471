import 'reflect-metadata';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  Catch,
  configure,
  EnsureDirectory,
  errors,
  FaultInjector,
  type FaultInjectorOptions,
  faults,
  Heal,
  raiseForStatus,
  Retry,
  Timeout,
  TimeoutError,
} from 'mendkit';
import { flakyHttpServer, type TempDir, tempDir } from 'mendkit/testing';
import { buildPipeline } from '../src/pipeline/buildPipeline';
import { LegacyMethod } from '../src/pipeline/LegacyMethod';
import { Call } from '../src/call/Call';
import { AttemptLoop } from '../src/call/AttemptLoop';
import { MethodInvoker } from '../src/call/MethodInvoker';
import { FaultStage } from '../src/faults/FaultStage';
import { methodInfo } from './support/methodInfo';
import { useTestKit } from './support/useTestKit';

class Reports {
  calls = 0;

  @Catch(errors.permissionDenied, 'denied')
  async read(): Promise<string> {
    this.calls += 1;
    return 'report';
  }

  denied(): string {
    return 'no access';
  }

  @Timeout(100)
  async slow(): Promise<string> {
    this.calls += 1;
    return 'done';
  }
}

class StockClient {
  @Retry({ attempts: 4 })
  async stock(url: string): Promise<unknown> {
    return (await raiseForStatus(await fetch(url))).json();
  }
}

class Exporter {
  @Heal(EnsureDirectory)
  async save(path: string, text: string): Promise<void> {
    await writeFile(path, text);
  }
}

describe('the fault stage', () => {
  const kit = useTestKit({ autoAdvance: true });

  function inject(options: FaultInjectorOptions | FaultInjector): FaultInjector {
    const injector = options instanceof FaultInjector ? options : new FaultInjector(options);
    kit.container.register(FaultInjector, { useValue: injector });
    configure({ container: kit.container });
    return injector;
  }

  const original = Reflect.getOwnPropertyDescriptor(Reports.prototype, 'read')!.value as (...args: unknown[]) => unknown;

  it('is not there at all without a registered injector: the attempt loop goes straight to the method', () => {
    const innermost = () => (buildPipeline(new LegacyMethod(Reports.prototype, 'read'), original).head as AttemptLoop).next;
    assert.ok(innermost() instanceof MethodInvoker);
    inject({ rules: [] });
    assert.ok(innermost() instanceof FaultStage);
  });

  it('with no rules (or disabled) does no work beyond one check, and hands back the method\'s own promise', async () => {
    for (const injector of [new FaultInjector(), new FaultInjector({ enabled: false, rules: [{ rate: 1, fault: faults.http(503) }] })]) {
      const reads: PropertyKey[] = [];
      const watched = new Proxy(injector, {
        get(target, key, receiver) {
          reads.push(key);
          return Reflect.get(target, key, receiver);
        },
      });
      const promise = Promise.resolve('value');
      const next = { invoke: () => promise };
      const method = methodInfo(kit.logger, 'Reports', 'read');
      const stage = new FaultStage(watched, next, method, kit.clock);
      assert.equal(stage.invoke(new Call(method, undefined, [])), promise);
      assert.deepEqual(reads, ['active']);
      inject(watched);
      reads.length = 0;
      const reports = new Reports();
      assert.equal(await reports.read(), 'report');
      assert.deepEqual(reads, ['active']);
      assert.equal(injector.attempts, 0);
    }
  });

  it('injected latency waits on the clock, and the real method runs after it', async () => {
    kit.reset({});
    inject({ seed: 1, rules: [{ rate: 1, times: 1, fault: faults.latency(250) }] });
    const reports = new Reports();
    let settled = false;
    const pending = reports.slow().catch((e: unknown) => e).finally(() => (settled = true));
    await kit.clock.advance(99);
    assert.equal(settled, false);
    assert.equal(reports.calls, 0);
    await kit.clock.advance(1);
    assert.ok((await pending) instanceof TimeoutError, '@Timeout(100) cuts the 250 ms latency short');
    assert.equal(reports.calls, 0);
    assert.equal(kit.clock.pendingTimers, 0);
    assert.deepEqual(kit.clock.sleeps, [250]);
    assert.equal(kit.logs.events('fault.injected')[0]?.fault, 'latency(250ms)');
  });

  it('latency with compressed time (autoAdvance) still meets the timeout', async () => {
    inject({ seed: 1, rules: [{ rate: 1, fault: faults.latency(500) }] });
    await assert.rejects(new Reports().slow(), TimeoutError);
    inject({ seed: 1, rules: [{ rate: 1, fault: faults.latency(50) }] });
    assert.equal(await new Reports().slow(), 'done');
  });

  it('an injected reset is retried as a real one: only the retry reaches the server', async () => {
    const server = await flakyHttpServer([{ status: 200, body: { stock: 7 } }]);
    try {
      inject({ seed: 1, rules: [{ rate: 1, times: 2, target: StockClient, fault: faults.network('ECONNRESET', { fetch: true }) }] });
      assert.deepEqual(await new StockClient().stock(server.url), { stock: 7 });
      assert.equal(server.requests, 1);
      assert.deepEqual(kit.logs.events('retry.scheduled').map((line) => line.code), ['ECONNRESET', 'ECONNRESET']);
      assert.deepEqual(kit.logs.events('fault.injected').map((line) => [line.method, line.attempt, line.fault]), [
        ['StockClient.stock', 1, 'ECONNRESET'],
        ['StockClient.stock', 2, 'ECONNRESET'],
      ]);
    } finally {
      await server.close();
    }
  });

  it("an injected 503 with Retry-After is waited out for the server's time", async () => {
    const server = await flakyHttpServer([{ status: 200, body: { stock: 7 } }]);
    try {
      inject({ seed: 1, rules: [{ rate: 1, times: 1, fault: faults.http(503, { retryAfter: 2 }) }] });
      assert.deepEqual(await new StockClient().stock(server.url), { stock: 7 });
      assert.deepEqual(kit.clock.sleeps, [2000]);
    } finally {
      await server.close();
    }
  });

  describe('with files', () => {
    let dir: TempDir;
    beforeEach(() => {
      dir = tempDir('faults');
    });
    afterEach(() => dir.remove());

    it('an injected ENOENT for a missing directory is healed by EnsureDirectory, and the call re-runs', async () => {
      const target = join(dir.path, 'reports', 'daily.csv');
      inject({ seed: 1, rules: [{ rate: 1, times: 1, fault: faults.fs('ENOENT', { path: (call) => String(call.args[0]) }) }] });
      await new Exporter().save(target, 'a,b');
      assert.equal(readFileSync(target, 'utf8'), 'a,b');
      assert.deepEqual(kit.logs.events('heal.success').map((line) => [line.healer, line.code]), [['EnsureDirectory', 'ENOENT']]);
    });

    it('a fault that removes the directory for real is healed the same way', async () => {
      const target = join(dir.path, 'out', 'daily.csv');
      const exporter = new Exporter();
      await exporter.save(target, 'first');
      const removeOut = faults.before('out removed', () => rm(join(dir.path, 'out'), { recursive: true }));
      inject({ seed: 1, rules: [{ rate: 1, times: 1, fault: removeOut }] });
      await exporter.save(target, 'second');
      assert.equal(readFileSync(target, 'utf8'), 'second');
      assert.equal(kit.logs.events('heal.start')[0]?.code, 'ENOENT');
      assert.ok(existsSync(join(dir.path, 'out')));
    });
  });

  it('an injected EACCES is caught by a @Catch for permissionDenied, before the method runs', async () => {
    inject({ seed: 1, rules: [{ rate: 1, target: 'Reports', method: 'read', fault: faults.fs('EACCES', { path: '/srv/report' }) }] });
    const reports = new Reports();
    assert.equal(await reports.read(), 'no access');
    assert.equal(reports.calls, 0);
    assert.equal(kit.logs.events('catch.handled')[0]?.code, 'EACCES');
  });
});
