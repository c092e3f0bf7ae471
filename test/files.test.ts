import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { atomicWrite, withTempDir, withTempFile } from 'mendkit';
import { smallDisk } from 'mendkit/testing';
import { requireLinux, requireRoot } from './support/requires';

describe('atomicWrite', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mendkit-atomic-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const file = path.join(dir, 'report.json');
    await writeFile(file, 'old', { mode: 0o640 });
    await atomicWrite(file, '{"rows":3}');
    assert.equal(await readFile(file, 'utf8'), '{"rows":3}');
    assert.equal((await stat(file)).mode & 0o777, 0o640);
    assert.deepEqual(await readdir(dir), ['report.json']);
  });

  it('writes chunks from an async iterable', async () => {
    const file = path.join(dir, 'stream.csv');
    async function* rows() {
      yield 'id,name\n';
      yield Buffer.from('1,a\n');
    }
    await atomicWrite(file, rows());
    assert.equal(await readFile(file, 'utf8'), 'id,name\n1,a\n');
  });

  it('leaves the old file and no temporary file when the data source fails midway', async () => {
    const file = path.join(dir, 'partial.csv');
    await writeFile(file, 'old');
    async function* failing() {
      yield 'half';
      throw new Error('upstream went away');
    }
    await assert.rejects(atomicWrite(file, failing()), /upstream went away/);
    assert.equal(await readFile(file, 'utf8'), 'old');
    assert.deepEqual((await readdir(dir)).filter((name) => name.includes('partial')), ['partial.csv']);
  });

  it('passes ENOENT through unchanged when the directory is missing', async () => {
    await assert.rejects(atomicWrite(path.join(dir, 'missing', 'x.txt'), 'x'), { code: 'ENOENT' });
  });

  it('on a full disk (real ENOSPC, a 64 KiB tmpfs) leaves the old file intact and no temporary file', { skip: requireLinux() || requireRoot() }, async () => {
    const disk = smallDisk({ size: '64k' });
    const mountPoint = disk.path;
    try {
      const file = path.join(mountPoint, 'data.bin');
      await writeFile(file, 'old content');
      await assert.rejects(atomicWrite(file, Buffer.alloc(256 * 1024, 1)), { code: 'ENOSPC' });
      assert.equal(await readFile(file, 'utf8'), 'old content');
      assert.deepEqual(await readdir(mountPoint), ['data.bin']);
    } finally {
      disk.remove();
    }
  });

  it('after a kill -9 in the middle of a write, the old file is intact', async () => {
    const file = path.join(dir, 'crash.txt');
    await writeFile(file, 'old');
    const entry = require.resolve('mendkit');
    const script = `
      require('reflect-metadata');
      const { atomicWrite } = require(${JSON.stringify(entry)});
      async function* slow() {
        yield 'new-part-1;';
        process.stdout.write('half\\n');
        await new Promise((resolve) => setTimeout(resolve, 60000));
        yield 'new-part-2';
      }
      atomicWrite(${JSON.stringify(file)}, slow());
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.equal(await readFile(file, 'utf8'), 'old');
    const leftovers = (await readdir(dir)).filter((name) => name.startsWith('.crash.txt.'));
    assert.equal(leftovers.length, 1, 'the killed write leaves only its own temporary file');
  });
});

describe('withTempDir / withTempFile', () => {
  it('removes the directory after success and after failure', async () => {
    let seen = '';
    const result = await withTempDir(async (directory) => {
      seen = directory;
      await mkdir(path.join(directory, 'nested'));
      await writeFile(path.join(directory, 'nested', 'a.txt'), 'a');
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(existsSync(seen), false);
    const failure = new Error('job failed');
    await assert.rejects(
      withTempDir(async (directory) => {
        seen = directory;
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.equal(existsSync(seen), false);
  });

  it('gives a file path inside a removed-afterwards directory', async () => {
    let seen = '';
    await withTempFile('dump.sql', async (file) => {
      seen = file;
      assert.equal(path.basename(file), 'dump.sql');
      await writeFile(file, 'x');
    });
    assert.equal(existsSync(path.dirname(seen)), false);
  });
});
