import 'reflect-metadata';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, FreeDiskSpace, Heal, HealFailedError, healFailureOf } from 'mendkit';
import { createTestKit, type SmallDisk, smallDisk, type TempDir, tempDir, type TestKit } from 'mendkit/testing';

class Exporter {
  @Heal(FreeDiskSpace)
  async save(path: string, bytes: number): Promise<void> {
    await writeFile(path, Buffer.alloc(bytes, 1));
  }

  /** Always full: the ENOSPC → clean → ENOSPC loop. */
  @Heal(FreeDiskSpace, { budget: { heals: 2, perMs: 60_000 } })
  async saveToFullDisk(): Promise<void> {
    await writeFile('/dev/full', 'report');
  }
}

/** Writes `bytes` bytes to `path`, last modified `minutesAgo` minutes ago. */
function file(path: string, bytes: number, minutesAgo: number): void {
  writeFileSync(path, Buffer.alloc(bytes, 7));
  const at = (Date.now() - minutesAgo * 60_000) / 1000;
  utimesSync(path, at, at);
}

describe('FreeDiskSpace', () => {
  let kit: TestKit;
  let dir: TempDir;
  const exporter = new Exporter();

  function useHealer(options: ConstructorParameters<typeof FreeDiskSpace>[0]): void {
    kit.container.register(FreeDiskSpace, { useValue: new FreeDiskSpace(options) });
  }

  beforeEach(() => {
    kit = createTestKit();
    dir = tempDir('free-disk');
  });
  afterEach(() => {
    kit.dispose();
    dir.remove();
  });

  it('on a real ENOSPC (a 64 KiB tmpfs) deletes cache files oldest first until enough is free, then the write succeeds', async (t) => {
    let small: SmallDisk;
    try {
      small = smallDisk({ size: '64k' });
    } catch {
      return t.skip('cannot mount a tmpfs here (needs root); the /dev/full test still meets a real ENOSPC');
    }
    const disk = small.path;
    try {
      const cache = join(disk, 'cache');
      mkdirSync(cache);
      file(join(cache, 'newest.bin'), 16 * 1024, 1);
      file(join(cache, 'oldest.bin'), 16 * 1024, 30);
      file(join(cache, 'middle.bin'), 16 * 1024, 10);
      useHealer({ roots: [cache], bytesToFree: 20 * 1024 });
      await exporter.save(join(disk, 'report.bin'), 20 * 1024);
      assert.deepEqual(readdirSync(cache), ['newest.bin']);
      const removed = kit.logs.events('heal.fileRemoved').map((line) => line.path);
      assert.deepEqual(removed, [join(cache, 'oldest.bin'), join(cache, 'middle.bin')]);
      assert.equal(kit.logs.events('heal.start')[0]?.code, 'ENOSPC');
    } finally {
      small.remove();
    }
  });

  it('writing to /dev/full: each call heals at most once, and the budget stops the loop across calls, logged once', async () => {
    const cache = join(dir.path, 'cache');
    mkdirSync(cache);
    for (let i = 0; i < 10; i++) file(join(cache, `chunk-${i}.bin`), 1024, 60 - i);
    useHealer({ roots: [cache], bytesToFree: 1024 });
    for (let i = 0; i < 5; i++) {
      await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    }
    assert.equal(kit.logs.events('heal.success').length, 2);
    assert.equal(kit.logs.events('heal.budgetSpent').length, 1);
    assert.equal(readdirSync(cache).length, 8, 'two heals, one (oldest) file each');
    assert.equal(existsSync(join(cache, 'chunk-0.bin')), false);
    assert.equal(existsSync(join(cache, 'chunk-1.bin')), false);
  });

  it('never follows a symlink out of its root, nor deletes the link', async () => {
    const outside = join(dir.path, 'precious');
    mkdirSync(outside);
    file(join(outside, 'keep.db'), 4096, 600);
    const cache = join(dir.path, 'cache');
    mkdirSync(cache);
    file(join(cache, 'old.tmp'), 100, 5);
    symlinkSync(outside, join(cache, 'escape'));
    symlinkSync(join(outside, 'keep.db'), join(cache, 'keep-link.db'));
    useHealer({ roots: [cache], bytesToFree: 1_000_000 });
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    assert.ok(existsSync(join(outside, 'keep.db')));
    assert.deepEqual(readdirSync(cache).sort(), ['escape', 'keep-link.db']);
    assert.deepEqual(kit.logs.events('heal.fileRemoved').map((line) => line.path), [join(cache, 'old.tmp')]);
  });

  it('skips a root that is itself a symlink', async () => {
    const outside = join(dir.path, 'precious');
    mkdirSync(outside);
    file(join(outside, 'keep.db'), 4096, 600);
    symlinkSync(outside, join(dir.path, 'cache'));
    useHealer({ roots: [join(dir.path, 'cache')], bytesToFree: 1 });
    const error = await exporter.saveToFullDisk().catch((e: unknown) => e);
    assert.ok(existsSync(join(outside, 'keep.db')));
    assert.equal(kit.logs.events('heal.rootSkipped').length, 1);
    assert.match((healFailureOf(error)?.error as Error).message, /nothing left to delete/);
  });

  it('refuses roots with `..`, relative roots, the filesystem root, and missing options', () => {
    assert.throws(() => new FreeDiskSpace({ roots: [`${dir.path}/cache/../..`], bytesToFree: 1 }), /contains `\.\.`/);
    assert.throws(() => new FreeDiskSpace({ roots: ['cache'], bytesToFree: 1 }), /absolute path/);
    assert.throws(() => new FreeDiskSpace({ roots: ['/'], bytesToFree: 1 }), /filesystem root/);
    assert.throws(() => new FreeDiskSpace({ roots: [], bytesToFree: 1 }), ConfigError);
    assert.throws(() => new FreeDiskSpace({ roots: [dir.path] } as never), /`bytesToFree` is required/);
    assert.throws(() => new FreeDiskSpace(), /register it with its roots/);
  });

  it('refuses system, shared, home and current directories and their ancestors, unless allowProtectedRoots; `/` always', () => {
    const refused = ['/etc', '/etc/ssl', '/usr', '/usr/local/lib', '/var', '/var/lib', '/var/log', '/home', '/root', '/tmp'];
    refused.push(homedir(), process.cwd(), dirname(process.cwd()));
    if (dirname(homedir()) !== '/') refused.push(dirname(homedir()));
    for (const root of refused) {
      assert.throws(() => new FreeDiskSpace({ roots: [root], bytesToFree: 1 }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, new RegExp(`refusing the root ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*(system|shared|home|current) directory.*allowProtectedRoots`));
        return true;
      }, root);
      assert.doesNotThrow(() => new FreeDiskSpace({ roots: [root], bytesToFree: 1, allowProtectedRoots: true }));
    }
    assert.throws(() => new FreeDiskSpace({ roots: ['/'], bytesToFree: 1, allowProtectedRoots: true }), /filesystem root/);
    for (const root of ['/var/cache/reports', '/tmp/app-cache', join(homedir(), '.cache', 'app'), join(process.cwd(), 'tmp')]) {
      assert.doesNotThrow(() => new FreeDiskSpace({ roots: [root], bytesToFree: 1 }), root);
    }
  });

  it('skips a root whose path leads into a system directory through a symlinked parent (a dry run, to be safe)', async () => {
    symlinkSync('/', join(dir.path, 'system'));
    useHealer({ roots: [join(dir.path, 'system', 'etc')], bytesToFree: 1, dryRun: true });
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    assert.match(String(kit.logs.events('heal.rootSkipped')[0]?.reason), /leads to \/etc, and \/etc is a system directory/);
    assert.equal(kit.logs.events('heal.fileRemoved').length, 0);
  });

  it('skips a root below a directory others can write to (not sticky), unless allowSharedParents', async () => {
    const shared = join(dir.path, 'shared');
    const cache = join(shared, 'cache');
    mkdirSync(cache, { recursive: true });
    chmodSync(shared, 0o777);
    file(join(cache, 'old.tmp'), 10, 5);
    useHealer({ roots: [cache], bytesToFree: 1 });
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    assert.match(String(kit.logs.events('heal.rootSkipped')[0]?.reason), /shared is writable by other users/);
    assert.ok(existsSync(join(cache, 'old.tmp')));

    chmodSync(shared, 0o1777); // sticky, as /tmp is: others cannot rename what is ours
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    assert.equal(existsSync(join(cache, 'old.tmp')), false);

    file(join(cache, 'old.tmp'), 10, 5);
    chmodSync(shared, 0o777);
    kit.dispose();
    kit = createTestKit(); // healers are resolved once per pipeline: a new configuration, a new one
    useHealer({ roots: [cache], bytesToFree: 1, allowSharedParents: true });
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    assert.equal(existsSync(join(cache, 'old.tmp')), false);
  });

  it('a file hard-linked from outside the roots frees nothing: kept, and not counted', async () => {
    const cache = join(dir.path, 'cache');
    mkdirSync(cache);
    file(join(cache, 'shared.bin'), 4096, 60);
    linkSync(join(cache, 'shared.bin'), join(dir.path, 'elsewhere.bin'));
    useHealer({ roots: [cache], bytesToFree: 1 });
    const error = await exporter.saveToFullDisk().catch((e: unknown) => e);
    assert.match((healFailureOf(error)?.error as Error).message, /nothing left to delete .* that would free space/);
    assert.ok(existsSync(join(cache, 'shared.bin')));
    assert.equal(kit.logs.events('heal.fileRemoved').length, 0);
  });

  it('a file whose links are all inside the roots is removed link by link, its bytes counted once', async () => {
    const cache = join(dir.path, 'cache');
    mkdirSync(join(cache, 'sub'), { recursive: true });
    file(join(cache, 'a.bin'), 4096, 60);
    linkSync(join(cache, 'a.bin'), join(cache, 'sub', 'b.bin'));
    file(join(cache, 'newer.bin'), 100, 1);
    useHealer({ roots: [cache], bytesToFree: 4096 });
    await assert.rejects(exporter.saveToFullDisk(), { code: 'ENOSPC' });
    const removed = kit.logs.events('heal.fileRemoved').map((line) => line.bytes);
    assert.deepEqual(removed.sort(), [0, 4096]);
    assert.deepEqual(readdirSync(cache).sort(), ['newer.bin', 'sub']);
    assert.equal(kit.logs.events('heal.success').length, 1);
  });

  it('a method using it without registered options fails with a ConfigError that says how to register it', async () => {
    await assert.rejects(exporter.saveToFullDisk(), (error: unknown) =>
      error instanceof ConfigError && /FreeDiskSpace needs to be told where it may delete/.test(error.message),
    );
  });

  it('in dry-run mode logs what it would remove, removes nothing, and lets the error through', async () => {
    const cache = join(dir.path, 'cache');
    mkdirSync(cache);
    file(join(cache, 'a.tmp'), 10, 3);
    useHealer({ roots: [cache], bytesToFree: 100, dryRun: true });
    const error = await exporter.saveToFullDisk().catch((e: unknown) => e);
    assert.ok(existsSync(join(cache, 'a.tmp')));
    const [wouldRemove] = kit.logs.events('heal.fileRemoved');
    assert.equal(wouldRemove?.dryRun, true);
    assert.match(String(wouldRemove?.message), /would remove/);
    const failure = healFailureOf(error)?.error;
    assert.ok(failure instanceof HealFailedError);
    assert.match(failure.message, /dry run: would have freed 10 bytes in 1 file/);
  });
});
