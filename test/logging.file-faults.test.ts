import 'reflect-metadata';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileLoggerChild } from './support/fileLoggerChild';
import { runsAsRoot } from './support/root';

type Line = Record<string, unknown>;

function parse(lines: readonly string[]): Line[] {
  return lines.filter(Boolean).map((line) => JSON.parse(line) as Line);
}

/** The `seq` numbers of `lines`, asserting none is there twice. */
function sequence(lines: readonly Line[]): Set<number> {
  const seen = new Set<number>();
  for (const { seq } of lines) {
    if (typeof seq !== 'number') continue;
    assert.ok(!seen.has(seq), `line ${seq} is there twice`);
    seen.add(seq);
  }
  return seen;
}

/** Fills the file system of `directory` to the last byte (real ENOSPC), in a file `filler`. */
function fill(directory: string): string {
  const filler = join(directory, 'filler');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  try {
    for (;;) writeSync(fd, block, 0, 1);
  } catch {
    // not one byte more
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('a log file that fails after it was opened', () => {
  const root = mkdtempSync(join(tmpdir(), 'mendkit-log-faults-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const console of [false, 'json'] as const) {
    it(`loses no line to /dev/full (every write ENOSPC), says so once on stderr, console ${console}`, async () => {
      const child = await FileLoggerChild.start({ console, file: { path: '/dev/full' } });
      await child.log(0, 3000);
      await child.log(3000, 3001);
      await child.end();
      const stdout = parse(child.stdout);
      assert.equal(sequence(stdout).size, 3001);
      assert.equal(stdout.filter((line) => line.event === 'log.fallback').length, 1);
      assert.deepEqual(child.stderr.filter(Boolean), [
        'mendkit: cannot write the log file /dev/full (ENOSPC: no space left on device, write); logging to the console until it works again',
      ]);
    });
  }

  it('accounts for every line when its disk fills up mid-run and is freed: before and after in the file, during on the console', async (t) => {
    if (!runsAsRoot(t, 'a tmpfs mount (real ENOSPC)')) return;
    const disk = join(root, 'disk');
    execFileSync('mkdir', ['-p', disk]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
    t.after(() => execFileSync('umount', ['-l', disk]));
    const path = join(disk, 'script.log');
    const child = await FileLoggerChild.start({ console: false, file: { path }, retryMs: 20 });
    t.after(() => child.kill());
    await child.log(0, 500);
    const filler = fill(disk);
    await child.log(500, 1500);
    await child.stderrLine(/^mendkit: cannot write the log file .*script\.log \(ENOSPC: no space left on device, write\); logging to the console until it works again$/);
    rmSync(filler);
    let logged = 1500;
    while (!child.stderr.some((line) => line.includes('works again after'))) {
      await child.log(logged, logged + 10);
      logged += 10;
    }
    const recovered = await child.stderrLine(/^mendkit: the log file .*script\.log works again after \d+ (ms|s); (\d+) lines went to the console meanwhile$/);
    const afterRecovery = logged;
    await child.log(logged, logged + 500);
    await child.end();

    const file = readFileSync(path, 'utf8').split('\n');
    assert.equal(file.pop(), '', 'the file ends with a whole line');
    const fileLines = parse(file); // throws on a partial line
    const consoleLines = parse(child.stdout);
    const inFile = sequence(fileLines);
    const onConsole = sequence(consoleLines);
    for (const seq of inFile) assert.ok(!onConsole.has(seq), `line ${seq} is both in the file and on the console`);
    assert.equal(inFile.size + onConsole.size, afterRecovery + 500, 'every line is in the file or on the console');
    assert.ok([...onConsole].some((seq) => seq >= 500 && seq < 1500), 'lines logged while the disk was full went to the console');
    for (let seq = afterRecovery; seq < afterRecovery + 500; seq++) assert.ok(inFile.has(seq), `line ${seq}, after the recovery, is in the file`);
    const diverted = Number(/; (\d+) lines went/.exec(recovered)![1]);
    assert.equal(diverted, consoleLines.length, 'the count said is the count of lines on the console');
    assert.equal(fileLines.filter((line) => line.event === 'log.recovered' && line.divertedLines === diverted).length, 1);
    assert.equal(child.stderr.filter((line) => line.includes('cannot write')).length, 1, 'said once');
  });
});
