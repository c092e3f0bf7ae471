import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { inject, injectable } from 'tsyringe';
import {
  type ChaosProgress,
  type ChaosReport,
  chaosReportJson,
  CompressedClock,
  ConfigError,
  formatChaosReport,
  Retry,
  runChaos,
} from 'mendkit';
import { createTestKit, type TempDir, tempDir, type TestKit } from 'mendkit/testing';
import { configuration } from '../src/di/configure';
import { InventorySync, inventoryFaults, startStockApi } from '../samples/chaos';

/** The report without the fields that measure real time. */
function timeless({ elapsedMs: _elapsed, ...rest }: ChaosReport) {
  return rest;
}

function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, count) => sum + count, 0);
}

describe('runChaos on the inventory sample', () => {
  let kit: TestKit;
  let api: Server;
  let requests = 0;
  let dir: TempDir;
  let sync: InventorySync;
  before(async () => {
    api = await startStockApi();
    api.on('request', () => (requests += 1));
  });
  after(() => api.close());
  beforeEach(() => {
    kit = createTestKit();
    dir = tempDir('chaos');
    requests = 0;
    const { port } = api.address() as AddressInfo;
    sync = new InventorySync({ url: `http://127.0.0.1:${port}/stock`, outDir: dir.path });
  });
  afterEach(() => {
    kit.dispose();
    dir.remove();
  });

  it('at rate 0.3 over 200 runs: none lost, all succeed within the retry budget, and the report adds up', async () => {
    const progress: ChaosProgress[] = [];
    const report = await runChaos({
      target: sync,
      runs: 200,
      seed: 42,
      intervalMs: 60_000,
      faults: inventoryFaults(0.3, dir.path),
      onProgress: (p) => progress.push(p),
    });
    assert.equal(report.target, 'InventorySync.run');
    assert.equal(report.lost, 0);
    assert.equal(report.succeeded, 200);
    assert.equal(report.succeeded + report.failed + report.lost, report.runs);
    assert.equal(total(report.failures), report.failed);
    // Every attempt after a run's first was a retry or a re-run after a heal.
    assert.equal(report.attempts, report.runs + report.retries + total(report.heals));
    // The attempts a thrown fault stopped never reached the server; all the others did.
    assert.equal(requests, report.attempts - report.injected.ECONNRESET! - report.injected.HTTP_503!);
    // One heal per removed directory, plus the first run's (the directory did not exist yet).
    assert.deepEqual(report.heals, { EnsureDirectory: report.injected['snapshots removed']! + 1 });
    assert.ok(report.attemptsPerRun.p50 <= report.attemptsPerRun.p95 && report.attemptsPerRun.p95 <= report.attemptsPerRun.max);
    assert.ok(report.attemptsPerRun.max <= 6, 'within @Retry({ attempts: 6 })');
    assert.equal(report.rate, 0.3);
    assert.ok(Math.abs(total(report.injected) / report.attempts - 0.3) < 0.1, `${total(report.injected)} faults in ${report.attempts} attempts`);
    assert.equal(progress.length, 200);
    assert.deepEqual(progress.at(-1), { done: 200, runs: 200, succeeded: 200, failed: 0, lost: 0 });
    assert.ok(report.skippedMs >= 199 * 60_000, 'the intervals and backoff were skipped, not slept');
  });

  it('the same seed replays the same report; another seed gives another', async () => {
    const run = async (seed: number) => {
      rmSync(join(dir.path, 'snapshots'), { recursive: true, force: true }); // start each from the same state
      return timeless(await runChaos({ target: sync, runs: 40, seed, faults: inventoryFaults(0.3, dir.path), intervalMs: 60_000 }));
    };
    const first = await run(7);
    assert.deepEqual(await run(7), first);
    assert.notDeepEqual((await run(8)).injected, first.injected);
  });

  it('at rate 1.0 every run fails, filed under the code it failed with', async () => {
    const report = await runChaos({ target: sync, runs: 20, rate: 1, seed: 1, faults: 'ECONNRESET:fetch' });
    assert.equal(report.failed, 20);
    assert.equal(report.succeeded, 0);
    assert.deepEqual(report.failures, { 'MENDKIT_RETRY_EXHAUSTED(ECONNRESET)': 20 });
    assert.equal(report.attempts, 20 * 6);
    assert.equal(report.retries, 20 * 5);
    assert.deepEqual(report.attemptsPerRun, { p50: 6, p95: 6, max: 6 });
    assert.equal(requests, 0);
  });
});

@injectable()
class Counter {
  constructor(@inject('start') readonly start: number) {}

  @Retry({ attempts: 3 })
  async run(): Promise<number> {
    return this.start;
  }
}

describe('the chaos sample', () => {
  it('prints the report docs/faults.md shows (all but the time it took), and exits 0', () => {
    const root = join(__dirname, '..', '..');
    const child = spawnSync(process.execPath, [join(__dirname, '..', 'samples', 'chaos.js')], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(child.status, 0, child.stderr);
    const page = readFileSync(join(root, 'docs', 'faults.md'), 'utf8');
    const shown = /```text\n(chaos: 200 runs of InventorySync\.run[^`]*)```/.exec(page)?.[1];
    assert.ok(shown, 'docs/faults.md shows a report of the sample');
    const withoutTime = (report: string) => report.replace(/^ {2}time .*$/m, '').trim();
    assert.equal(withoutTime(child.stdout), withoutTime(shown));
  });
});

describe('runChaos on any object', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit();
  });
  afterEach(() => kit.dispose());

  it('resolves a class from the container, and restores the configuration afterwards', async () => {
    kit.container.register('start', { useValue: 5 });
    const before = configuration().container;
    const report = await runChaos({ target: Counter, runs: 10, rate: 0, seed: 1 });
    assert.deepEqual([report.succeeded, report.attempts, report.retries], [10, 10, 0]);
    assert.equal(configuration().container, before);
  });

  it('counts a run that never settles as lost', async () => {
    const stuck = { run: () => new Promise(() => undefined) };
    const report = await runChaos({ target: stuck, runs: 2, lostAfterMs: 20, rate: 0 });
    assert.deepEqual([report.lost, report.succeeded, report.failed], [2, 0, 0]);
    assert.equal(report.target, 'Object.run');
  });

  it('refuses a target without the method, and bad options', async () => {
    await assert.rejects(runChaos({ target: {}, runs: 1 }), (e: unknown) => e instanceof ConfigError && /Object\.run is not a method/.test(e.message));
    await assert.rejects(runChaos({ target: {}, runs: 0 }), /`runs` must be an integer ≥ 1/);
    await assert.rejects(runChaos({ target: {}, runs: 1, rate: 2 }), /`rate` must be a number from 0 to 1/);
    await assert.rejects(runChaos({ target: {}, runs: 1, faults: 'nope' }), /runChaos\(\) faults, rule 1 \(nope\): unknown fault/);
  });

  it('renders the report as a table and as one JSON line', async () => {
    kit.container.register('start', { useValue: 1 });
    const report = await runChaos({ target: Counter, runs: 50, rate: 0.5, seed: 3, faults: 'ECONNRESET,http503:retryAfter=1' });
    const table = formatChaosReport(report);
    assert.match(table, /^chaos: 50 runs of Counter\.run, fault rate 0\.5, seed 3$/m);
    for (const row of ['runs', 'succeeded', 'failed', 'lost', 'attempts', 'retries', 'heals', 'attempts/run', 'faults injected', 'failures']) {
      assert.match(table, new RegExp(`^  ${row.replace('/', '\\/')} +\\S`, 'm'));
    }
    const json = chaosReportJson(report);
    assert.equal(json.includes('\n'), false);
    const parsed = JSON.parse(json) as ChaosReport;
    assert.deepEqual(parsed, report);
    assert.equal(parsed.attempts, parsed.runs + parsed.retries);
  });
});

describe('CompressedClock', () => {
  it('skips sleeps, firing the timers they pass in time order; timers also fire in real time', async () => {
    const clock = new CompressedClock();
    const fired: string[] = [];
    const start = clock.now();
    clock.setTimer(3000, () => fired.push('3s'));
    clock.setTimer(1000, () => fired.push('1s'));
    const cleared = clock.setTimer(2000, () => fired.push('2s'));
    clock.clearTimer(cleared);
    await clock.sleep(5000);
    assert.deepEqual(fired, ['1s', '3s']);
    assert.ok(clock.now() - start >= 5000);
    assert.equal(clock.skippedMs, 5000);
    await new Promise<void>((resolve) => clock.setTimer(5, resolve));
  });

  it('a sleep aborted by a timer it passes rejects with the reason', async () => {
    const clock = new CompressedClock();
    const controller = new AbortController();
    clock.setTimer(100, () => controller.abort(new Error('timed out')));
    await assert.rejects(clock.sleep(500, controller.signal), /timed out/);
  });
});
