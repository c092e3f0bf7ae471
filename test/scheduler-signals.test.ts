import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { events, FIXTURES, spawnMendkit } from './support/cli';
import { waitFor } from './support/waitFor';

const shutdownModule = path.join(FIXTURES, 'shutdown.js');
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-signals-'));

function records(stateDir: string): { job: string; outcome: string; errorCode?: string }[] {
  return readFileSync(path.join(stateDir, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('mendkit start: SIGTERM and SIGINT in a child process', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lets a running run finish within the grace period, then exits 0', async () => {
    const stateDir = path.join(root, 'finishes');
    const child = spawnMendkit(['start', shutdownModule, '--state-dir', stateDir, '--grace-ms', '5000'], { FIXTURE_MODE: 'finishes' });
    await child.waitFor('"event":"job.started"');
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
    assert.deepEqual(records(stateDir).map((r) => [r.job, r.outcome]), [['finishes', 'succeeded']]);
    assert.deepEqual(events(child.stderr, 'scheduler.stopped')[0]?.aborted, []);
  });

  it('aborts a run that outlasts the grace period, records it aborted, and exits 1', async () => {
    const stateDir = path.join(root, 'stubborn');
    const child = spawnMendkit(['start', shutdownModule, '--state-dir', stateDir, '--grace-ms', '300'], { FIXTURE_MODE: 'stubborn' });
    await child.waitFor('"event":"job.started"');
    const signalled = Date.now();
    child.child.kill('SIGINT');
    assert.equal(await child.exited, 1, child.stderr);
    assert.ok(Date.now() - signalled >= 300);
    assert.deepEqual(records(stateDir).map((r) => [r.job, r.outcome, r.errorCode]), [['stubborn', 'aborted', 'MENDKIT_SHUTDOWN']]);
    assert.deepEqual(events(child.stderr, 'scheduler.stopped')[0]?.aborted, ['stubborn']);
  });

  it('logs an unhandled rejection in a job as critical and keeps scheduling', async () => {
    const stateDir = path.join(root, 'careless');
    const child = spawnMendkit(['start', shutdownModule, '--state-dir', stateDir], { FIXTURE_MODE: 'careless' });
    // A later run succeeded (its record written first): the first rejection did not stop anything.
    // (Not any line with "trigger":"every": on a busy machine that may be the tick skipped while the first run was going.)
    await waitFor(() => events(child.stderr, 'job.succeeded').length >= 2, { what: () => `two runs; stderr:\n${child.stderr}` });
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
    const [first] = events(child.stderr, 'job.unhandledRejection');
    assert.deepEqual([first?.level, first?.severity, first?.code], ['error', 'critical', 'EPIPE']);
    const outcomes = records(stateDir).map((r) => r.outcome);
    assert.ok(outcomes.length >= 2 && outcomes.every((outcome) => outcome === 'succeeded'), JSON.stringify(outcomes));
  });
});
