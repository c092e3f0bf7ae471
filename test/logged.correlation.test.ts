import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Logged } from '../decorators/Logged';
import { Retry } from '../decorators/Retry';
import { fixed } from '../src/backoff/fixed';
import { currentCall } from '../src/call/currentCall';
import { createTestKit, type TestKit } from '../src/testing/createTestKit';

function reset(): Error {
  return Object.assign(new Error('socket reset'), { code: 'ECONNRESET' });
}

class Api {
  calls = 0;

  @Retry({ attempts: 3, backoff: fixed(100) })
  async fetch(id: string): Promise<string> {
    this.calls += 1;
    await Promise.resolve();
    if (this.calls % 2 === 1) throw reset();
    return `row ${id}`;
  }
}

class Step {
  constructor(private readonly api: Api) {}

  @Logged()
  async load(id: string): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.api.fetch(id);
  }
}

class Job {
  seen: string[] = [];
  constructor(private readonly step: Step) {}

  @Logged()
  async run(ids: string[]): Promise<string[]> {
    this.seen.push(currentCall().correlationId);
    await new Promise((resolve) => setImmediate(resolve));
    const rows = [];
    for (const id of ids) rows.push(await this.step.load(id));
    this.seen.push(currentCall().correlationId);
    return rows;
  }
}

describe('correlation ids', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it('are shared by every line of one run, nested calls and retries included, across awaits', async () => {
    const job = new Job(new Step(new Api()));
    assert.deepEqual(await job.run(['a', 'b']), ['row a', 'row b']);
    const lines = kit.logs.json();
    assert.deepEqual(lines.map((line) => line.event), [
      'call.start', // Job.run
      'call.start', // Step.load a
      'retry.scheduled',
      'call.success',
      'call.start', // Step.load b
      'retry.scheduled',
      'call.success',
      'call.success', // Job.run
    ]);
    const ids = new Set(lines.map((line) => line.correlationId));
    assert.equal(ids.size, 1);
    assert.deepEqual(job.seen, [...ids, ...ids]);
  });

  it('are never shared by two concurrent runs', async () => {
    const jobs = [new Job(new Step(new Api())), new Job(new Step(new Api()))];
    await Promise.all([jobs[0]!.run(['a', 'b']), jobs[1]!.run(['c'])]);
    const loadedIds = new Map<unknown, unknown[]>();
    for (const line of kit.logs.json()) {
      const list = loadedIds.get(line.correlationId) ?? [];
      if (line.event === 'call.start' && line.component === 'Step.load') list.push((line.args as { id: string }).id);
      loadedIds.set(line.correlationId, list);
    }
    assert.deepEqual([...loadedIds.values()].sort(), [['a', 'b'], ['c']]);
    assert.deepEqual(jobs.map((job) => loadedIds.has(job.seen[0])), [true, true]);
    assert.notEqual(jobs[0]!.seen[0], jobs[1]!.seen[0]);
  });

  it('are new for each outermost call', async () => {
    const step = new Step(new Api());
    await step.load('a');
    await step.load('b');
    const ids = new Set(kit.logs.events('call.start').map((line) => line.correlationId));
    assert.equal(ids.size, 2);
  });

  it('are inherited by a call made in the synchronous start of a decorated method', async () => {
    class Outer {
      @Logged()
      async run(inner: Step): Promise<string> {
        return inner.load('x');
      }
    }
    await new Outer().run(new Step(new Api()));
    assert.equal(new Set(kit.logs.entries.map((entry) => entry.correlationId)).size, 1);
  });

  it('let currentCall() see the current attempt after an await, under @Logged', async () => {
    const attempts: number[] = [];
    let calls = 0;
    class Flaky {
      @Logged()
      @Retry({ attempts: 3, backoff: fixed(10) })
      async run(): Promise<void> {
        await Promise.resolve();
        attempts.push(currentCall().attempt);
        calls += 1;
        if (calls < 3) throw reset();
      }
    }
    await new Flaky().run();
    assert.deepEqual(attempts, [1, 2, 3]);
  });
});
