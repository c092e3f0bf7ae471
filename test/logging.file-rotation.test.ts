import 'reflect-metadata';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../src/errors/ConfigError';
import { createLogger, type MendkitLogger } from '../src/logging/createLogger';
import { FakeClock } from '../src/testing/FakeClock';
import { FileLoggerChild } from './support/fileLoggerChild';

const DEADLINE_MS = 30_000;

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Logs lines `from`…`to - 1` (field `seq`), letting the file be written between batches. */
async function log(logger: MendkitLogger, from: number, to: number): Promise<void> {
  for (let seq = from; seq < to; seq++) {
    logger.info(`line ${seq}`, { seq, padding: 'x'.repeat(60) });
    if (seq % 100 === 99) await turn();
  }
}

/** Logs on in batches until `done`, bounded only against a hang; returns the next `seq`. */
async function logUntil(logger: MendkitLogger, from: number, done: () => boolean): Promise<number> {
  const deadline = Date.now() + DEADLINE_MS;
  let seq = from;
  while (!done()) {
    assert.ok(Date.now() < deadline, 'the file was not reopened in time');
    await log(logger, seq, seq + 10);
    seq += 10;
  }
  return seq;
}

async function ended(logger: MendkitLogger): Promise<void> {
  const finished = new Promise((resolve) => logger.on('finish', resolve));
  logger.end();
  await finished;
}

/** The `seq` of every line of `text`, in order; every line must be whole JSON. */
function sequence(text: string): number[] {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a whole line');
  return lines.map((line) => (JSON.parse(line) as { seq?: number }).seq).filter((seq): seq is number => seq !== undefined);
}

/** Asserts `files` hold lines 0…count-1, each in exactly one of them. */
function eachOnce(files: readonly string[], count: number): void {
  const seen = new Map<number, string>();
  for (const file of files) {
    for (const seq of sequence(readFileSync(file, 'utf8'))) {
      assert.ok(!seen.has(seq), `line ${seq} is in ${seen.get(seq)} and in ${file}`);
      seen.set(seq, file);
    }
  }
  for (let seq = 0; seq < count; seq++) assert.ok(seen.has(seq), `line ${seq} is in none of the files`);
}

describe('log file rotation', () => {
  const root = mkdtempSync(join(tmpdir(), 'mendkit-log-rotation-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let dirs = 0;
  const freshDir = () => mkdtempSync(join(root, `${dirs++}-`));

  it('logrotate `create` (rename, new file) while 10,000 lines are written: every line in exactly one of the two files', async () => {
    const path = join(freshDir(), 'script.log');
    const clock = new FakeClock();
    const logger = createLogger({ console: false, file: { path, clock } });
    await log(logger, 0, 5000);
    renameSync(path, `${path}.1`);
    writeFileSync(path, '');
    await clock.advance(1000); // the inode check
    const next = await logUntil(logger, 5000, () => statSync(path).size > 0);
    await log(logger, next, 10_000);
    await ended(logger);
    eachOnce([`${path}.1`, path], 10_000);
    assert.ok(sequence(readFileSync(path, 'utf8')).includes(9999), 'the last lines went to the new file');
  });

  it('logrotate `create` with `postrotate kill -HUP`: reopens on SIGHUP', async (t) => {
    const path = join(freshDir(), 'script.log');
    const child = await FileLoggerChild.start({ console: false, file: { path, reopenOnSighup: true, checkEveryMs: 0 } });
    t.after(() => child.kill());
    await child.log(0, 1000);
    renameSync(path, `${path}.1`);
    writeFileSync(path, '');
    child.signal('SIGHUP');
    let seq = 1000;
    const deadline = Date.now() + DEADLINE_MS;
    while (statSync(path).size === 0) {
      assert.ok(Date.now() < deadline, 'not reopened on SIGHUP');
      await child.log(seq, seq + 10);
      seq += 10;
    }
    await child.log(seq, 2000);
    await child.end();
    eachOnce([`${path}.1`, path], 2000);
    assert.deepEqual(child.stdout.filter(Boolean), [], 'nothing went to the console');
  });

  it('says so, and reopens, when the file is deleted while open', async () => {
    const path = join(freshDir(), 'script.log');
    const clock = new FakeClock();
    const said: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const logger = createLogger({ console: false, file: { path, clock } });
      await log(logger, 0, 100);
      rmSync(path);
      await clock.advance(1000);
      await logUntil(logger, 100, () => existsSync(path) && statSync(path).size > 0);
      await ended(logger);
    } finally {
      process.stderr.write = original;
    }
    assert.deepEqual(said, [`mendkit: the log file ${path} was deleted while open; reopened it (lines of the last 1 s went with it)\n`]);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.filter((line) => line.event === 'log.fileDeleted').length, 1);
  });

  it('logrotate `copytruncate` works as it is: the file starts again from its first byte, no hole', async () => {
    const path = join(freshDir(), 'script.log');
    const logger = createLogger({ console: false, file: { path } });
    await log(logger, 0, 1000);
    const deadline = Date.now() + DEADLINE_MS;
    while (sequence(readFileSync(path, 'utf8')).length < 1000) {
      assert.ok(Date.now() < deadline, 'the first lines were not written');
      await turn();
    }
    copyFileSync(path, `${path}.1`);
    truncateSync(path, 0);
    await log(logger, 1000, 2000);
    await ended(logger);
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes('\0'), 'no NUL bytes where the old content was');
    eachOnce([`${path}.1`, path], 2000);
  });

  it('rotates by size in-process, keeping N files', async () => {
    const dir = freshDir();
    const path = join(dir, 'script.log');
    const logger = createLogger({ console: false, file: { path, rotate: { maxSize: '4K', keep: 3 } } });
    await log(logger, 0, 400);
    await ended(logger);
    assert.deepEqual(readdirSync(dir).sort(), ['script.log', 'script.log.1', 'script.log.2', 'script.log.3']);
    const kept = ['script.log.3', 'script.log.2', 'script.log.1', 'script.log'].map((name) => join(dir, name));
    const seqs = kept.flatMap((file) => sequence(readFileSync(file, 'utf8')));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => 400 - seqs.length + i), 'the newest lines, in order, none twice');
    for (const file of kept.slice(0, 3)) assert.ok(statSync(file).size < 4096 + 200, `${file} was rotated near 4K`);
  });

  it('gzips the rotated files when asked', async () => {
    const dir = freshDir();
    const path = join(dir, 'script.log');
    const logger = createLogger({ console: false, file: { path, rotate: { maxSize: 4096, keep: 2, gzip: true } } });
    await log(logger, 0, 200);
    await ended(logger);
    assert.deepEqual(readdirSync(dir).sort(), ['script.log', 'script.log.1.gz', 'script.log.2.gz']);
    const newest = sequence(gunzipSync(readFileSync(join(dir, 'script.log.1.gz'))).toString('utf8'));
    const current = sequence(readFileSync(path, 'utf8'));
    assert.equal(newest.at(-1)! + 1, current[0], 'the gzipped file holds the lines just before the current file');
  });

  it('writes to the file under daily rotation (the midnight turn itself is rotating-file-stream’s)', async () => {
    const dir = freshDir();
    const path = join(dir, 'script.log');
    const logger = createLogger({ console: false, file: { path, rotate: { daily: true } } });
    await log(logger, 0, 100);
    await ended(logger);
    assert.deepEqual(readdirSync(dir), ['script.log']);
    eachOnce([path], 100);
  });

  it('refuses bad file options with ConfigError naming the field', () => {
    const bad: [object, RegExp][] = [
      [{ path: '' }, /`file.path` must be a non-empty path/],
      [{ path: 'x.log', rotae: {} }, /unknown option `rotae` \(did you mean `rotate`\?\)/],
      [{ path: 'x.log', rotate: { keep: 3 } }, /`file.rotate` needs `maxSize` or `daily: true`/],
      [{ path: 'x.log', rotate: { maxSize: '10 MB' } }, /`file.rotate.maxSize` must be a whole number of bytes > 0 or a string such as '50M'/],
      [{ path: 'x.log', rotate: { daily: true, keep: 0 } }, /`file.rotate.keep` must be an integer ≥ 1/],
      [{ path: 'x.log', rotate: { daily: true }, reopenOnSighup: true }, /use one or the other/],
      [{ path: 'x.log', checkEveryMs: -1 }, /`file.checkEveryMs` must be a finite number ≥ 0/],
      [{ path: 'x.log', retry: 1000 }, /`file.retry` must be a function/],
      [{ path: 'x.log', clock: {} }, /`file.clock` must be a Clock/],
    ];
    for (const [file, message] of bad) {
      assert.throws(() => createLogger({ file } as never), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(file));
    }
  });
});
