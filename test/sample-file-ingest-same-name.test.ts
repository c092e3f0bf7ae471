import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { events, SAMPLES, spawnMendkit } from './support/cli';

const sample = path.join(SAMPLES, 'file-ingest.js');
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-ingest-same-name-'));

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : []);

/** Drops `export.jsonl` holding `ids` into the inbox the way a writer should: write aside, rename in. */
function deliverExport(dir: string, ids: readonly string[]): void {
  const aside = path.join(dir, '.export.jsonl');
  writeFileSync(aside, ids.map((id) => JSON.stringify({ id, amount: 1 })).join('\n'));
  renameSync(aside, path.join(dir, 'inbox', 'export.jsonl'));
}

function ingestedIds(dir: string): string[] {
  return list(path.join(dir, 'out'))
    .flatMap((file) => readFileSync(path.join(dir, 'out', file), 'utf8').trim().split('\n'))
    .map((line) => (JSON.parse(line) as { id: string }).id)
    .sort();
}

/** Two deliveries of `export.jsonl`, a day apart, with other records; with `kill`, the scheduler is killed -9 between them. */
async function twoDays(name: string, kill: boolean) {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'inbox'), { recursive: true });
  const env = { INGEST_DIR: dir, MENDKIT_LOG_LEVEL: 'debug' };
  const state = path.join(dir, '.state');
  // A file is delivered once the watcher's first scan is over: one that lands during it is the
  // watch trigger's known gap (see test/sample-file-ingest.test.ts), not what this test is about.
  let scheduler = spawnMendkit(['start', sample, '--state-dir', state], env);
  await scheduler.waitFor('"event":"job.watch.ready"', 20_000);
  deliverExport(dir, ['monday-1', 'monday-2']);
  await until(() => list(path.join(dir, 'done')).length === 1, 'the first export done');
  if (kill) {
    scheduler.child.kill('SIGKILL');
    await scheduler.exited;
    scheduler = spawnMendkit(['start', sample, '--state-dir', state], env);
    await scheduler.waitFor('"event":"job.watch.ready"', 20_000);
  }
  deliverExport(dir, ['tuesday-1', 'tuesday-2', 'tuesday-3']);
  await until(() => list(path.join(dir, 'done')).length === 2, 'the second export done');
  scheduler.child.kill('SIGTERM');
  assert.equal(await scheduler.exited, 0, scheduler.stderr);
  return { dir, stderr: scheduler.stderr };
}

describe('sample file-ingest: a second file of the same name', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const kill of [false, true]) {
    it(`ingests the next day's export.jsonl too and keeps both in done/${kill ? ', across a kill -9 between them' : ''}`, async () => {
      const { dir, stderr } = await twoDays(kill ? 'killed' : 'running', kill);
      assert.deepEqual(ingestedIds(dir), ['monday-1', 'monday-2', 'tuesday-1', 'tuesday-2', 'tuesday-3']);
      const done = list(path.join(dir, 'done')).sort();
      assert.equal(done.length, 2);
      assert.ok(done.includes('export.jsonl'));
      assert.match(done.find((file) => file !== 'export.jsonl')!, /^export\.[0-9a-f]{16}\.jsonl$/);
      const contents = done.map((file) => readFileSync(path.join(dir, 'done', file), 'utf8')).sort();
      assert.ok(contents[0]!.includes('monday-1') && contents[1]!.includes('tuesday-1'), 'both files kept whole');
      assert.deepEqual(events(stderr, 'ingest.recovered'), [], 'nothing taken for already ingested');
      assert.deepEqual(list(path.join(dir, 'inbox')), []);
    });
  }
});
