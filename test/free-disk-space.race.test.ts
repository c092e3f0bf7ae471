import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FreeDiskSpace, Heal, healFailureOf } from 'mendkit';
import { createTestKit, type TempDir, tempDir, type TestKit } from 'mendkit/testing';
import { type FsRacer, startFsRacer } from './support/fsRacer';

/** Heals every call (no budget in the way): each call is one walk and one round of deletions. */
class Exporter {
  @Heal(FreeDiskSpace, { budget: { heals: 1_000_000, perMs: 1 } })
  async saveToFullDisk(): Promise<void> {
    await writeFile('/dev/full', 'report');
  }
}

// RACE_ROUNDS=1000 for a soak run.
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 40);
const FILES_PER_DIR = 25;
const SUBDIRS = ['', 'deep'];

/** Writes the same names under `base` and `base/deep`; returns how many. */
function fill(base: string, content: string): number {
  for (const sub of SUBDIRS) {
    mkdirSync(join(base, sub), { recursive: true });
    for (let i = 0; i < FILES_PER_DIR; i++) writeFileSync(join(base, sub, `f-${i}.bin`), content);
  }
  return SUBDIRS.length * FILES_PER_DIR;
}

function countFiles(base: string, content: string): number {
  return SUBDIRS.reduce(
    (sum, sub) =>
      sum +
      readdirSync(join(base, sub), { withFileTypes: true }).filter(
        (entry) => entry.isFile() && readFileSync(join(base, sub, entry.name), 'utf8') === content,
      ).length,
    0,
  );
}

describe('FreeDiskSpace under attack', () => {
  let kit: TestKit;
  let dir: TempDir;
  let racer: FsRacer | undefined;
  const exporter = new Exporter();

  beforeEach(() => {
    kit = createTestKit();
    dir = tempDir('free-disk-race');
  });
  afterEach(async () => {
    await racer?.stop();
    racer = undefined;
    kit.dispose();
    dir.remove();
  });

  it(`a second process swapping a directory for a symlink to outside, ${ROUNDS} heals of ${SUBDIRS.length * FILES_PER_DIR} files each: nothing outside is removed`, async (t) => {
    const root = join(dir.path, 'cache');
    const sub = join(root, 'sub');
    const outside = join(dir.path, 'precious');
    const precious = fill(outside, 'precious');
    kit.container.register(FreeDiskSpace, { useValue: new FreeDiskSpace({ roots: [root], bytesToFree: 1e12 }) });
    racer = await startFsRacer('swap', sub, outside);
    let swaps = 0;
    let attempted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      attempted += fill(sub, 'cache');
      racer.go();
      await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
      swaps = await racer.pause();
      assert.equal(countFiles(outside, 'precious'), precious, `round ${round}: a file outside the root was removed`);
    }
    const removed = kit.logs.events('heal.fileRemoved').length;
    t.diagnostic(`${attempted} files offered over ${ROUNDS} heals, ${removed} removed, ${swaps} swaps raced them`);
    assert.ok(swaps > ROUNDS, 'the racer really raced');
    assert.ok(removed > 0, 'the heal still did its work');
    const failures = kit.logs.events('heal.failure');
    assert.deepEqual(
      failures.map((line) => line.healError).filter((message) => !/nothing left to delete/.test(String(message))),
      [],
      'a swapped directory is skipped, not a failed heal',
    );
  });

  it(`a second process deleting files and directories meanwhile: ${ROUNDS} heals, none fails for a file that vanished`, async (t) => {
    const root = join(dir.path, 'cache');
    kit.container.register(FreeDiskSpace, { useValue: new FreeDiskSpace({ roots: [root], bytesToFree: 1e12 }) });
    racer = await startFsRacer('churn', root, '^churn-');
    let deleted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const sub of ['', 'a', 'churn-dir']) {
        mkdirSync(join(root, sub), { recursive: true });
        // Interleaved, so the heal's oldest-first list runs into vanished files all along.
        for (let i = 0; i < 20; i++) writeFileSync(join(root, sub, `${i % 2 ? 'churn' : 'keep'}-${i}.bin`), 'x');
      }
      racer.go();
      const error = await exporter.saveToFullDisk().catch((e: unknown) => e);
      deleted = await racer.pause();
      assert.equal(healFailureOf(error), undefined, `round ${round}: ${String(healFailureOf(error)?.error)}`);
    }
    t.diagnostic(`${ROUNDS} heals while the other process deleted ${deleted} files and directories`);
    assert.equal(kit.logs.events('heal.success').length, ROUNDS);
    assert.ok(deleted > 0, 'the churner really deleted');
  });
});
