import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { events, mendkit, SAMPLES, spawnMendkit } from './support/cli';
import { waitFor } from './support/waitFor';

const sample = path.join(SAMPLES, 'file-ingest.js');
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-ingest-'));
const dirs = { inbox: path.join(root, 'inbox'), out: path.join(root, 'out'), done: path.join(root, 'done') };

/** Drops a file of `count` records into the inbox the way a writer should: write aside, rename in. */
function deliver(name: string, count: number): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${name}-${i}`);
  const aside = path.join(root, `.${name}`);
  writeFileSync(aside, ids.map((id, i) => JSON.stringify({ id, amount: i + 0.25 })).join('\n'));
  renameSync(aside, path.join(dirs.inbox, name));
  return ids;
}

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : []);

describe('sample file-ingest', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('after a kill -9 mid-run and a restart, loses no record and ingests none twice', async () => {
    mkdirSync(dirs.inbox, { recursive: true });
    const expected: string[] = [];
    for (let i = 1; i <= 6; i++) expected.push(...deliver(`batch-${i}.jsonl`, 5));
    const env = { INGEST_DIR: root, INGEST_DELAY_MS: '60' };
    const state = path.join(root, '.state');

    const first = spawnMendkit(['start', sample, '--state-dir', state], env);
    await waitFor(() => list(dirs.done).length >= 2, { what: 'two files done' });
    first.child.kill('SIGKILL');
    await first.exited;
    const left = list(dirs.inbox).length;
    assert.ok(left > 0 && left < 6, `the kill left ${left} files in the inbox`);

    const second = spawnMendkit(['start', sample, '--state-dir', state], { ...env, MENDKIT_LOG_LEVEL: 'debug' });
    await waitFor(() => list(dirs.inbox).length === 0, { what: 'the inbox emptied after the restart' });
    await second.waitFor('"event":"job.watch.ready"');
    expected.push(...deliver('late.jsonl', 3)); // arrives while the scheduler watches
    await waitFor(() => list(dirs.done).length === 7, { what: 'the late file done' });
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.stderr);

    const ingested = list(dirs.out).flatMap((file) =>
      readFileSync(path.join(dirs.out, file), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id),
    );
    assert.deepEqual(ingested.sort(), [...expected].sort()); // every record, each exactly once
    assert.ok(list(dirs.out).every((file) => file.endsWith('.out.jsonl')), 'no partial output left');
    assert.equal(events(second.stderr, 'job.failed').length, 0);
    assert.ok(events(second.stderr, 'job.started').some((e) => e.trigger === 'watch'));
  });

  it('moves a file whose output a killed run had committed, without processing it again; drops partial outputs', () => {
    const crashed = path.join(root, 'crashed');
    const inbox = path.join(crashed, 'inbox');
    const out = path.join(crashed, 'out');
    mkdirSync(inbox, { recursive: true });
    mkdirSync(out, { recursive: true });
    const content = '{"id":"a-0","amount":1}\n';
    const committed = `a.jsonl.${createHash('sha256').update(content).digest('hex').slice(0, 16)}.out.jsonl`; // the commit key: name and content
    writeFileSync(path.join(inbox, 'a.jsonl'), content);
    writeFileSync(path.join(out, committed), '{"id":"a-0","amountCents":100,"source":"a.jsonl","committedBy":"the killed run"}\n');
    writeFileSync(path.join(out, '.b.jsonl.out.jsonl.4242abcd.tmp'), '{"id":"b-0"'); // atomicWrite's temp file, left by a kill
    const child = mendkit(['run', sample, 'file-ingest', '--state-dir', path.join(crashed, '.state')], { INGEST_DIR: crashed });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(events(child.stderr, 'ingest.recovered').map((e) => e.file), ['a.jsonl']);
    assert.deepEqual(readdirSync(path.join(crashed, 'done')), ['a.jsonl']);
    assert.deepEqual(readdirSync(out), [committed]);
    assert.match(readFileSync(path.join(out, committed), 'utf8'), /the killed run/);
  });

  it('moves a file that is not valid JSON lines to rejected/ and ingests the others: one bad file never blocks the inbox', () => {
    const mixed = path.join(root, 'mixed');
    const inbox = path.join(mixed, 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(path.join(inbox, 'a.jsonl'), '{"id":"a-0","amount":1}\n');
    writeFileSync(path.join(inbox, 'b.jsonl'), '{"id":"b-0","amount":\n');
    writeFileSync(path.join(inbox, 'c.jsonl'), '{"id":"c-0","amount":2}\n');
    const child = mendkit(['run', sample, 'file-ingest', '--state-dir', path.join(mixed, '.state')], { INGEST_DIR: mixed });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(readdirSync(path.join(mixed, 'done')), ['a.jsonl', 'c.jsonl']);
    assert.deepEqual(readdirSync(path.join(mixed, 'rejected')), ['b.jsonl']);
    assert.deepEqual(list(inbox), []);
    const [handled] = events(child.stderr, 'catch.handled');
    assert.deepEqual([handled?.component, handled?.code, handled?.handler], ['FileIngestJob.ingest', 'SyntaxError', 'reject']);
    assert.deepEqual(events(child.stderr, 'ingest.rejected').map((e) => e.file), ['b.jsonl']);
  });
});
