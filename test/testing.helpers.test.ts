import 'reflect-metadata';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flakyHttpServer, runAsNobody, smallDisk, tempDir } from 'mendkit/testing';
import { requireLinux, requireRoot } from './support/requires';

describe('flakyHttpServer', () => {
  it('plays its script, one answer per request, then repeats the last; it keeps what it received', async () => {
    const server = await flakyHttpServer([
      { status: 401, body: 'token expired' },
      { status: 429, retryAfter: 2 },
      { status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', body: 'maintenance' },
      { status: 200, body: { rows: 42 } },
    ]);
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(server.url, { headers: { authorization: `Bearer t${i}` } });
        answers.push([response.status, response.headers.get('retry-after'), response.headers.get('content-type'), await response.text()]);
      }
      assert.deepEqual(answers, [
        [401, null, 'text/plain', 'token expired'],
        [429, '2', 'text/plain', ''],
        [503, 'Wed, 21 Oct 2026 07:28:00 GMT', 'text/plain', 'maintenance'],
        [200, null, 'application/json', '{"rows":42}'],
        [200, null, 'application/json', '{"rows":42}'],
      ]);
      assert.equal(server.requests, 5);
      assert.equal(server.received[0]?.headers.authorization, 'Bearer t0');
    } finally {
      await server.close();
    }
  });

  it('resets, closes and hangs connections for real', async () => {
    const server = await flakyHttpServer(['reset', 'close', 'hang']);
    try {
      const causeCode = (error: unknown) => ((error as TypeError).cause as { code?: string }).code;
      assert.equal(causeCode(await fetch(server.url).catch((e: unknown) => e)), 'ECONNRESET');
      assert.equal(causeCode(await fetch(server.url).catch((e: unknown) => e)), 'UND_ERR_SOCKET');
      await assert.rejects(fetch(server.url, { signal: AbortSignal.timeout(50) }), { name: 'TimeoutError' });
    } finally {
      await server.close();
    }
  });
});

describe('filesystem faults for real', () => {
  it('smallDisk fills up: a real ENOSPC', { skip: requireLinux() || requireRoot() }, async () => {
    const disk = smallDisk({ size: '64k' });
    try {
      await assert.rejects(writeFile(join(disk.path, 'big.bin'), Buffer.alloc(256 * 1024)), { code: 'ENOSPC', syscall: 'write' });
    } finally {
      disk.remove();
    }
    assert.equal(existsSync(disk.path), false);
  });

  it('runAsNobody meets a real EACCES where root would not, and hands back what the function returns', { skip: requireRoot() }, async () => {
    const dir = tempDir('nobody');
    try {
      chmodSync(dir.path, 0o755);
      const locked = join(dir.path, 'locked.txt');
      writeFileSync(locked, 'secret');
      chmodSync(locked, 0o600);
      await assert.rejects(
        runAsNobody((file: string) => require('node:fs').readFileSync(file, 'utf8'), [locked]),
        { code: 'EACCES', syscall: 'open', path: locked, message: `EACCES: permission denied, open '${locked}'` },
      );
      const run = await runAsNobody(async (a: number, b: number) => {
        console.log('adding');
        return { sum: a + b, uid: process.getuid!() };
      }, [2, 3]);
      assert.deepEqual(run.value, { sum: 5, uid: 65534 });
      assert.equal(run.stdout, 'adding\n');
    } finally {
      dir.remove();
    }
  });
});
