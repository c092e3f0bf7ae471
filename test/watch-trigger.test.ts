import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { CLOCK, Job, type JobContext, RealClock, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-watch-'));

function watchHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap' || name === 'StatWatcher').length;
}

describe('watch trigger', () => {
  const kit = useTestKit();
  let scheduler: Scheduler | undefined;
  beforeEach(() => {
    kit.container.register(CLOCK, { useValue: new RealClock() });
  });
  afterEach(async () => {
    await scheduler?.stop(); // a failed test must not leave a watcher keeping the process alive
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Resolves once the watcher has been ready `times` times: changes from then on are seen. */
  const watching = (times = 1) => waitFor(() => kit.logs.events('job.watch.ready').length >= times, { what: `job.watch.ready ×${times}` });

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
    await watching();
    for (const name of ['a.json', 'b.json', 'c.json']) writeFileSync(path.join(inbox, name), '{}');
    await waitFor(() => runs.length > 0, { what: 'the run' });
    await scheduler.stop();
    assert.deepEqual(runs, [['a.json', 'b.json', 'c.json']]);
    // Closed handles leave in the event loop's close phase.
    await waitFor(() => watchHandles() === handlesBefore, { what: () => `${watchHandles()} watch handles, ${handlesBefore} before` });
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
    await watching();
    rmSync(inbox, { recursive: true });
    await waitFor(() => kit.logs.events('job.watch.lost').length === 1, { what: 'job.watch.lost' });
    mkdirSync(inbox);
    await waitFor(() => kit.logs.events('job.watch.restored').length === 1, { what: 'job.watch.restored' });
    await waitFor(() => runs === 1, { what: 'the run for the returned directory' });
    await watching(2);
    writeFileSync(path.join(inbox, 'late.json'), '{}');
    await waitFor(() => runs === 2, { what: 'the run for a file in the returned directory' });
    await scheduler.stop();
  });

  it('leaves no timer and no watcher after stop, under a fake clock too', async () => {
    kit.reset(); // a FakeClock again, instead of the RealClock
    const inbox = path.join(root, 'fake-clock');
    mkdirSync(inbox);
    @Job({ name: 'ingest', watch: inbox })
    class Ingest {
      async run() {}
    }
    scheduler = new Scheduler({ jobs: [Ingest], history: new MemoryRunHistory() });
    await scheduler.start();
    assert.equal(kit.clock.pendingTimers, 1); // the check for a removed directory
    await scheduler.stop();
    assert.equal(kit.clock.pendingTimers, 0);
    await waitFor(() => watchHandles() === 0, { what: () => `${watchHandles()} watch handles left` });
  });
});
