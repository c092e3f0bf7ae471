import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bulkhead, BulkheadRejectedError, breakers, bulkheads, CircuitBreaker, Retry } from 'mendkit';
import { deferred, outcome } from './support/scripted';
import { useTestKit } from './support/useTestKit';

/** Counts how many calls run at once; each runs until `gate` opens. */
class Worker {
  running = 0;
  maxRunning = 0;
  readonly started: number[] = [];
  gate = deferred();

  async work(id: number): Promise<number> {
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.started.push(id);
    try {
      await this.gate.promise;
      return id;
    } finally {
      this.running -= 1;
    }
  }
}

class Queued extends Worker {
  @Bulkhead({ concurrency: 5, queue: 20 })
  override work(id: number): Promise<number> {
    return super.work(id);
  }
}

class Unqueued extends Worker {
  @Bulkhead({ concurrency: 10 })
  override work(id: number): Promise<number> {
    return super.work(id);
  }
}

class PerTenant extends Worker {
  @Bulkhead({ concurrency: 1, key: (tenant: string) => tenant })
  async forTenant(tenant: string): Promise<number> {
    return super.work(tenant.length);
  }
}

class Guarded extends Worker {
  @Retry({ attempts: 3 })
  @CircuitBreaker({ consecutive: 1, on: BulkheadRejectedError })
  @Bulkhead({ concurrency: 1 })
  override work(id: number): Promise<number> {
    return super.work(id);
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('@Bulkhead', () => {
  const kit = useTestKit({ now: 0 });

  for (const [Kind, concurrency, queue] of [
    [Queued, 5, 20],
    [Unqueued, 10, 0],
  ] as const) {
    it(`100 concurrent calls, concurrency ${concurrency}, queue ${queue}: never more running, the rest queued or rejected at once`, async () => {
      const worker = new Kind();
      const calls = Array.from({ length: 100 }, (_, id) => outcome(worker.work(id)));
      await settle();
      assert.equal(worker.running, concurrency);
      const rejectedNow = kit.logs.events('bulkhead.rejected');
      assert.equal(rejectedNow.length, 100 - concurrency - queue, 'rejected before anything finished');
      assert.deepEqual(rejectedNow[0], { ...rejectedNow[0], level: 'warn', component: `${Kind.name}.work`, concurrency, queue });
      assert.deepEqual(bulkheads(), [{ name: `${Kind.name}.work`, key: undefined, concurrency, queue, inUse: concurrency, queued: queue }]);
      worker.gate.resolve();
      const results = await Promise.all(calls);
      const done = results.flatMap((result) => ('value' in result ? [result.value] : []));
      const rejected = results.filter((result) => 'error' in result && result.error instanceof BulkheadRejectedError);
      assert.equal(worker.maxRunning, concurrency);
      assert.deepEqual(done, Array.from({ length: concurrency + queue }, (_, id) => id), 'first come, first served');
      assert.deepEqual(worker.started, done);
      assert.equal(rejected.length, 100 - concurrency - queue);
    });
  }

  it('a slot is held only while the attempt runs: once freed, the next call gets it', async () => {
    const worker = new Unqueued();
    worker.gate.resolve();
    for (let round = 0; round < 3; round++) {
      const ids = Array.from({ length: 10 }, (_, id) => id);
      assert.deepEqual(await Promise.all(ids.map((id) => worker.work(id))), ids);
    }
    assert.equal(kit.logs.events('bulkhead.rejected').length, 0);
  });

  it('one bulkhead per key', async () => {
    const worker = new PerTenant();
    const a = worker.forTenant('a');
    const bb = worker.forTenant('bb');
    await assert.rejects(worker.forTenant('a'), (error: unknown) => error instanceof BulkheadRejectedError && error.key === 'a');
    assert.deepEqual(bulkheads().map(({ key, inUse }) => [key, inUse]), [['a', 1], ['bb', 1]]);
    worker.gate.resolve();
    assert.deepEqual(await Promise.all([a, bb]), [1, 2]);
    assert.deepEqual(bulkheads().map(({ inUse }) => inUse), [0, 0], 'slots freed');
  });

  it('a rejection is not retried by default, and does not count against the circuit', async () => {
    const worker = new Guarded();
    const first = worker.work(1);
    await assert.rejects(worker.work(2), BulkheadRejectedError);
    assert.deepEqual(worker.started, [1], 'rejected once, not retried');
    assert.equal(breakers()[0]?.state, 'closed', 'the service was never reached');
    worker.gate.resolve();
    assert.equal(await first, 1);
  });
});
