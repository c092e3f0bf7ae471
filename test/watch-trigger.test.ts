import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { CLOCK, Job, type JobContext, RealClock, Scheduler } from 'mendkit';
import { createTestKit, MemoryRunHistory, type TestKit } from 'mendkit/testing';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-watch-'));

/** Resolves once `condition` holds, checking every 20 ms (real file events arrive in real time). */
async function eventually(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function watchHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap' || name === 'StatWatcher').length;
}

describe('watch trigger', () => {
  let kit: TestKit;
  let scheduler: Scheduler | undefined;
  beforeEach(() => {
    kit = createTestKit();
    kit.container.register(CLOCK, { useValue: new RealClock() });
  });
  afterEach(async () => {
    await scheduler?.stop(); // a failed test must not leave a watcher keeping the process alive
    kit.dispose();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('runs once per burst of files, after the quiet time, with the changed paths', async () => {
    const inbox = path.join(root, 'burst');
    mkdirSync(inbox);
    const runs: string[][] = [];
    @Job({ name: 'ingest', watch: { path: inbox, debounceMs: 150 } })
    class Ingest {
      async run(context: JobContext) {
        runs.push([...context.changes].map((file) => path.basename(file)).sort());
      }
    }
    const handlesBefore = watchHandles();
    scheduler = new Scheduler({ jobs: [Ingest], history: new MemoryRunHistory() });
    await scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the watcher is ready
    for (const name of ['a.json', 'b.json', 'c.json']) writeFileSync(path.join(inbox, name), '{}');
    await eventually(() => runs.length === 1, 'the run');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(runs, [['a.json', 'b.json', 'c.json']]);
    await scheduler.stop();
    await new Promise((resolve) => setTimeout(resolve, 10)); // closed handles leave in the loop's close phase
    assert.equal(watchHandles(), handlesBefore);
  });

  it('watches a directory again when it disappears and comes back, and runs for it', async () => {
    const inbox = path.join(root, 'comes-back');
    mkdirSync(inbox);
    let runs = 0;
    @Job({ name: 'ingest', watch: { path: inbox, debounceMs: 50, pollIntervalMs: 50 } })
    class Ingest {
      async run() {
        runs += 1;
      }
    }
    scheduler = new Scheduler({ jobs: [Ingest], history: new MemoryRunHistory() });
    await scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    rmSync(inbox, { recursive: true });
    await eventually(() => kit.logs.events('job.watch.lost').length === 1, 'job.watch.lost');
    mkdirSync(inbox);
    await eventually(() => kit.logs.events('job.watch.restored').length === 1, 'job.watch.restored');
    await eventually(() => runs === 1, 'the run for the returned directory');
    writeFileSync(path.join(inbox, 'late.json'), '{}');
    await eventually(() => runs === 2, 'the run for a file in the returned directory');
    await scheduler.stop();
  });

  it('leaves no timer and no watcher after stop, under a fake clock too', async () => {
    const fake = createTestKit();
    try {
      const inbox = path.join(root, 'fake-clock');
      mkdirSync(inbox);
      @Job({ name: 'ingest', watch: inbox })
      class Ingest {
        async run() {}
      }
      scheduler = new Scheduler({ jobs: [Ingest], history: new MemoryRunHistory() });
      await scheduler.start();
      assert.equal(fake.clock.pendingTimers, 1); // the check for a removed directory
      await scheduler.stop();
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(fake.clock.pendingTimers, 0);
      assert.equal(watchHandles(), 0);
    } finally {
      fake.dispose();
    }
  });
});

