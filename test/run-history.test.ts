import 'reflect-metadata';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FileRunHistory, type RunRecord } from 'mendkit';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-history-'));

function record(job: string, n: number): RunRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  return { id: `${job}-${n}`, job, trigger: 'cron', scheduledAt: at, startedAt: at, endedAt: at, durationMs: 5, outcome: 'succeeded', attempts: 1, heals: 0 };
}

describe('FileRunHistory', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('appends one JSON line per run in a state directory it creates, and reads them back', async () => {
    const history = new FileRunHistory(path.join(root, 'a', 'state'));
    await Promise.all([history.append(record('x', 1)), history.append(record('y', 2)), history.append(record('x', 3))]);
    const lines = readFileSync(history.file, 'utf8').split('\n');
    assert.deepEqual(lines.map((line) => (line ? (JSON.parse(line) as RunRecord).id : line)), ['x-1', 'y-2', 'x-3', '']);
    assert.deepEqual((await history.read()).map((r) => r.id), ['x-1', 'y-2', 'x-3']);
    assert.deepEqual((await history.read({ job: 'x' })).map((r) => r.id), ['x-1', 'x-3']);
    assert.deepEqual((await history.read({ limit: 1 })).map((r) => r.id), ['x-3']);
  });

  it('tolerates a last line torn by a crash, and starts the next record on a fresh line', async () => {
    const stateDir = path.join(root, 'torn');
    await new FileRunHistory(stateDir).append(record('x', 1));
    // What a process killed in the middle of a write leaves behind.
    appendFileSync(path.join(stateDir, 'runs.jsonl'), JSON.stringify(record('x', 2)).slice(0, 40));
    const reopened = new FileRunHistory(stateDir);
    assert.deepEqual((await reopened.read()).map((r) => r.id), ['x-1']);
    await reopened.append(record('x', 3));
    assert.deepEqual((await reopened.read()).map((r) => r.id), ['x-1', 'x-3']);
    assert.equal(readFileSync(reopened.file, 'utf8').split('\n').length, 4); // x-1, the torn line, x-3, ''
  });

  it('reads a missing history as empty', async () => {
    assert.deepEqual(await new FileRunHistory(path.join(root, 'nothing')).read(), []);
  });
});
