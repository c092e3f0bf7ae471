import 'reflect-metadata';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, copyFile, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { currentCall, EnsureDirectory, Heal } from 'mendkit';
import { createTestKit, runAsNobody, type TempDir, tempDir, type TestKit } from 'mendkit/testing';

class Files {
  @Heal(EnsureDirectory)
  async write(path: string, text: string): Promise<void> {
    await writeFile(path, text);
  }

  @Heal(EnsureDirectory)
  async append(path: string, text: string): Promise<void> {
    await appendFile(path, text);
  }

  @Heal(EnsureDirectory)
  async copy(from: string, to: string): Promise<void> {
    await copyFile(from, to);
  }

  @Heal(EnsureDirectory)
  async move(from: string, to: string): Promise<void> {
    await rename(from, to);
  }

  @Heal(EnsureDirectory)
  async scratch(prefix: string): Promise<string> {
    return mkdtemp(prefix);
  }

  @Heal(EnsureDirectory)
  async read(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  /** On its re-run, something else drops a file into the directory the heal created. */
  @Heal(EnsureDirectory)
  async readWhileOthersWrite(path: string, other: string): Promise<string> {
    if (currentCall().attempt > 1) writeFileSync(other, 'theirs');
    return readFile(path, 'utf8');
  }

  /** Writes, then fails for another reason. */
  @Heal(EnsureDirectory)
  async writeThenFail(path: string): Promise<void> {
    await writeFile(path, 'x');
    throw Object.assign(new Error('upload refused'), { code: 'EUPLOAD' });
  }
}

describe('EnsureDirectory', () => {
  let kit: TestKit;
  let dir: TempDir;
  const files = new Files();

  beforeEach(() => {
    kit = createTestKit();
    dir = tempDir('ensure-dir');
  });
  afterEach(() => {
    kit.dispose();
    dir.remove();
  });

  it('a write into a deleted directory creates it again and succeeds', async () => {
    const reports = join(dir.path, 'reports');
    mkdirSync(reports);
    rmSync(reports, { recursive: true });
    const path = join(reports, '2026', 'november.csv');
    await files.write(path, 'a,b\n');
    assert.equal(readFileSync(path, 'utf8'), 'a,b\n');
    const [created] = kit.logs.events('heal.directoryCreated');
    assert.equal(created?.directory, join(reports, '2026'));
    assert.equal(kit.logs.events('heal.success').length, 1);
  });

  it('heals an append, a copy or rename destination, and mkdtemp under a missing parent', async () => {
    await files.append(join(dir.path, 'logs', 'app.log'), 'line\n');
    const source = join(dir.path, 'source.txt');
    writeFileSync(source, 'payload');
    await files.copy(source, join(dir.path, 'copies', 'a.txt'));
    await files.move(source, join(dir.path, 'moved', 'a.txt'));
    const scratch = await files.scratch(join(dir.path, 'tmp', 'job-'));
    assert.equal(readFileSync(join(dir.path, 'logs', 'app.log'), 'utf8'), 'line\n');
    assert.equal(readFileSync(join(dir.path, 'copies', 'a.txt'), 'utf8'), 'payload');
    assert.equal(readFileSync(join(dir.path, 'moved', 'a.txt'), 'utf8'), 'payload');
    assert.ok(existsSync(scratch));
    assert.equal(kit.logs.events('heal.success').length, 4);
  });

  it('a read of a missing file is a real error: not healed', async () => {
    await assert.rejects(files.read(join(dir.path, 'missing.json')), { code: 'ENOENT', syscall: 'open' });
    assert.equal(kit.logs.events('heal.start').length, 0);
  });

  it('a read in a missing directory tree: the heal did not help, so the directories it created are removed again', async () => {
    const top = join(dir.path, 'x');
    const path = join(top, 'y', 'config.json');
    await assert.rejects(files.read(path), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'ENOENT');
      assert.equal(existsSync(top), false, 'removed before the caller sees the error');
      return true;
    });
    assert.equal(kit.logs.events('heal.directoryCreated')[0]?.directory, join(top, 'y'));
    assert.equal(kit.logs.events('heal.unhelped')[0]?.undone, 1);
    assert.deepEqual(kit.logs.events('heal.directoryRemoved')[0]?.directories, [join(top, 'y'), top]);
  });

  it('a created directory someone else wrote into meanwhile is kept; the empty ones below it go', async () => {
    const top = join(dir.path, 'x');
    await assert.rejects(files.readWhileOthersWrite(join(top, 'y', 'config.json'), join(top, 'theirs.txt')), { code: 'ENOENT' });
    assert.equal(readFileSync(join(top, 'theirs.txt'), 'utf8'), 'theirs');
    assert.equal(existsSync(join(top, 'y')), false);
  });

  it('a re-run that gets past the write and fails for another reason keeps the directory: the heal helped', async () => {
    const path = join(dir.path, 'out', 'a.txt');
    await assert.rejects(files.writeThenFail(path), { code: 'EUPLOAD' });
    assert.equal(readFileSync(path, 'utf8'), 'x');
    assert.equal(kit.logs.events('heal.unhelped').length, 0);
  });

  it('a copy whose source is missing is not healed, and creates no directory', async () => {
    const destination = join(dir.path, 'copies', 'a.txt');
    await assert.rejects(files.copy(join(dir.path, 'nope.txt'), destination), { code: 'ENOENT' });
    assert.equal(existsSync(join(dir.path, 'copies')), false);
    assert.equal(kit.logs.events('heal.start').length, 0);
  });

  it('when mkdir itself fails (EACCES, as an unprivileged user) the original ENOENT goes on, the EACCES attached', async () => {
    chmodSync(dir.path, 0o755); // root-owned: uid 65534 may look but not create
    const entry = join(__dirname, '..', 'src', 'index.js');
    const run = await runAsNobody(
      async (entryPath: string, target: string) => {
        require('reflect-metadata');
        const { Heal, EnsureDirectory, healFailureOf, configure } = require(entryPath);
        const { container } = require('tsyringe');
        const { writeFile } = require('node:fs/promises');
        class Files {
          async write(path: string) {
            await writeFile(path, 'x');
          }
        }
        const descriptor = Object.getOwnPropertyDescriptor(Files.prototype, 'write')!;
        Heal(EnsureDirectory)(Files.prototype, 'write', descriptor);
        Object.defineProperty(Files.prototype, 'write', descriptor);
        configure({ container: container.createChildContainer() });
        return new Files().write(target).catch((error: { code: string }) => {
          const failure = healFailureOf(error);
          return { code: error.code, healer: failure?.healer, healCode: failure?.error.code };
        });
      },
      [entry, join(dir.path, 'denied', 'out.txt')],
      { cwd: join(__dirname, '..', '..') },
    );
    assert.deepEqual(run.value, { code: 'ENOENT', healer: 'EnsureDirectory', healCode: 'EACCES' });
    assert.match(run.stdout, /"event":"heal.failure"/);
    assert.equal(existsSync(join(dir.path, 'denied')), false);
  });
});
