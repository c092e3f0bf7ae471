import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, Heal, healFailureOf, StaleLock } from 'mendkit';
import { type TempDir, tempDir } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

class Exporter {
  /** Takes the lock the way many tools do: create it exclusively, with our pid inside. */
  @Heal(StaleLock)
  async takeLock(path: string): Promise<void> {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  }
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

/** Writes a lock file last modified `ageMs` ago. */
function lockFile(path: string, content: string, ageMs: number): void {
  writeFileSync(path, content);
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(path, at, at);
}

describe('StaleLock', () => {
  const kit = useTestKit();
  let dir: TempDir;
  const exporter = new Exporter();

  beforeEach(() => {
    dir = tempDir('stale-lock');
  });
  afterEach(() => {
    dir.remove();
  });

  it('removes an old lock whose owner process is dead, then takes it', async () => {
    const lock = join(dir.path, 'export.lock');
    const pid = deadPid();
    lockFile(lock, `${pid}\n`, 120_000);
    await exporter.takeLock(lock);
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
    const [removed] = kit.logs.events('heal.lockRemoved');
    assert.equal(removed?.pid, pid);
    assert.equal(removed?.path, lock);
  });

  it('reads a JSON lock file with a pid field', async () => {
    const lock = join(dir.path, 'export.pid');
    lockFile(lock, JSON.stringify({ pid: deadPid(), host: 'here' }), 120_000);
    await exporter.takeLock(lock);
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
  });

  it('never touches a lock whose owner is alive: the EEXIST goes on', async () => {
    const lock = join(dir.path, 'export.lock');
    lockFile(lock, String(process.pid), 120_000);
    const error = await exporter.takeLock(lock).catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, 'EEXIST');
    assert.match(String((healFailureOf(error)?.error as Error).message), new RegExp(`held by live process ${process.pid}`));
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
  });

  it('leaves a lock younger than maxAgeMs, or one with no readable owner', async () => {
    const young = join(dir.path, 'young.lock');
    lockFile(young, String(deadPid()), 1_000);
    await assert.rejects(exporter.takeLock(young), { code: 'EEXIST' });
    const anonymous = join(dir.path, 'anonymous.lock');
    lockFile(anonymous, 'locked by someone', 120_000);
    await assert.rejects(exporter.takeLock(anonymous), { code: 'EEXIST' });
    assert.equal(readFileSync(anonymous, 'utf8'), 'locked by someone');
    assert.equal(kit.logs.events('heal.lockRemoved').length, 0);
  });

  it('does not match files that are not lock files', async () => {
    const data = join(dir.path, 'data.csv');
    lockFile(data, String(deadPid()), 120_000);
    await assert.rejects(exporter.takeLock(data), { code: 'EEXIST' });
    assert.equal(kit.logs.events('heal.start').length, 0);
  });

  it('takes its age from options registered in the container', async () => {
    kit.container.register(StaleLock, { useValue: new StaleLock({ maxAgeMs: 500 }) });
    const lock = join(dir.path, 'export.lock');
    lockFile(lock, String(deadPid()), 1_000);
    await exporter.takeLock(lock);
    assert.throws(() => new StaleLock({ maxAgeMs: -1 }), ConfigError);
    assert.throws(() => new StaleLock({ maxAge: 1 } as never), /did you mean `maxAgeMs`/);
  });
});
