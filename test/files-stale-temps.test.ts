import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { atomicWrite } from 'mendkit';
import { FIXTURES } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-stale-temps-'));

/** Starts a child writing `target` slowly; resolves once its temporary file holds a few MiB. */
async function slowWriter(target: string) {
  const child = spawn(process.execPath, [path.join(FIXTURES, 'slowAtomicWrite.js')], { env: { ...process.env, TARGET: target }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const dir = path.dirname(target);
  const started = Date.now();
  for (;;) {
    const temp = readdirSync(dir).find((name) => name.includes(`-${child.pid}-`));
    if (temp !== undefined && statSync(path.join(dir, temp)).size >= 3 * 1024 * 1024) return { child, exited, temp, stdout: () => stdout };
    if (Date.now() - started > 20_000) throw new Error('the writer never got going');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('atomicWrite: temporary files of killed writers', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('names its temporary file after its owner; the next write removes the leftovers of writers killed with kill -9', async () => {
    const dir = mkdtempSync(path.join(root, 'killed-'));
    const target = path.join(dir, 'report.bin');
    writeFileSync(target, 'old');
    for (let kill = 0; kill < 3; kill++) {
      const writer = await slowWriter(target);
      assert.match(writer.temp, /^\.report\.bin\.mendkit-[0-9a-f]{8}-[0-9a-f]{8}-\d+-[0-9a-f]{12}\.tmp$/);
      writer.child.kill('SIGKILL');
      await writer.exited;
    }
    // Each new writer removed the leftover of the one killed before it: they never pile up.
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.tmp')).length, 1, 'three kills, one leftover');
    await atomicWrite(target, 'new');
    assert.deepEqual(readdirSync(dir), ['report.bin']);
    assert.equal(readFileSync(target, 'utf8'), 'new');
  });

  it('never removes the temporary file of a writer still alive, nor one from another host or of another file', async () => {
    const dir = mkdtempSync(path.join(root, 'alive-'));
    const target = path.join(dir, 'report.bin');
    const otherHost = '.report.bin.mendkit-00000000-00000000-999999-aaaaaaaaaaaa.tmp';
    const otherFile = '.summary.bin.mendkit-00000000-00000000-999999-bbbbbbbbbbbb.tmp';
    writeFileSync(path.join(dir, otherHost), 'theirs');
    writeFileSync(path.join(dir, otherFile), 'theirs');
    const writer = await slowWriter(target);
    await atomicWrite(target, 'mine, written meanwhile');
    assert.ok(readdirSync(dir).includes(writer.temp), 'the live writer’s file is still there');
    assert.equal(await writer.exited, 0);
    assert.equal(writer.stdout(), 'written\n');
    assert.equal(statSync(target).size, 32 * 1024 * 1024, 'the live writer finished its own write');
    assert.deepEqual(readdirSync(dir).sort(), [otherFile, otherHost, 'report.bin'].sort());
  });
});
