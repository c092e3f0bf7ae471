import 'reflect-metadata';
import assert from 'node:assert/strict';
import { open, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';
import { describe, it } from 'node:test';
import { ConfigError, errors, type FaultContext, faults, HttpError, isTransient, type ThrowingFault } from 'mendkit';
import { FakeClock, flakyHttpServer, refusedUrl } from 'mendkit/testing';
import { requireLinux } from './support/requires';

const context: FaultContext = {
  className: 'Files',
  method: 'save',
  attempt: 1,
  args: ['/data/out/report.csv'],
  thisArg: undefined,
  signal: new AbortController().signal,
  clock: new FakeClock(),
};

/** The errno Node gives a libuv code that is no POSIX errno (as EAI_AGAIN, from getaddrinfo). */
function systemErrno(code: string): number | undefined {
  return [...getSystemErrorMap()].find(([, [name]]) => name === code)?.[0];
}

function made(fault: ThrowingFault): Error & Record<string, unknown> {
  return fault.create(context) as Error & Record<string, unknown>;
}

/** The fields matchers and healers read, and the key order Node gives them. */
function shape(error: unknown) {
  const e = error as Error & Record<string, unknown>;
  return { name: e.name, keys: Object.keys(e), code: e.code, errno: e.errno, syscall: e.syscall };
}

async function realError(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: Error & Record<string, unknown>) => error,
  );
}

describe('faults are shaped like the real thing', () => {
  it('a reset, as fetch reports it, matches a real reset field for field', async () => {
    const server = await flakyHttpServer(['reset']);
    try {
      const real = await realError(fetch(server.url));
      const injected = made(faults.network('ECONNRESET', { fetch: true }));
      assert.ok(injected instanceof TypeError);
      assert.equal(injected.message, real.message);
      assert.deepEqual(shape(injected.cause), shape(real.cause));
      assert.equal((injected.cause as Error).message, 'read ECONNRESET');
      assert.ok(isTransient(injected) && errors.network.matches(injected));
    } finally {
      await server.close();
    }
  });

  it('a refused connection carries the address and port, as Node gives them', async () => {
    const real = (await realError(fetch(await refusedUrl()))).cause as Record<string, unknown>;
    const injected = made(faults.network('ECONNREFUSED', { address: '127.0.0.1', port: 8080 }));
    assert.deepEqual(shape(injected), shape(real));
    assert.equal(injected.message, 'connect ECONNREFUSED 127.0.0.1:8080');
    assert.deepEqual([injected.address, injected.port], ['127.0.0.1', 8080]);
  });

  it('DNS and timeout faults name their system call and errno', () => {
    const again = made(faults.network('EAI_AGAIN', { hostname: 'api.example.com' }));
    assert.deepEqual(shape(again), { name: 'Error', keys: ['errno', 'code', 'syscall', 'hostname'], code: 'EAI_AGAIN', errno: systemErrno('EAI_AGAIN'), syscall: 'getaddrinfo' });
    assert.equal(again.message, 'getaddrinfo EAI_AGAIN api.example.com');
    const timedOut = made(faults.network('ETIMEDOUT'));
    assert.equal(timedOut.message, 'connect ETIMEDOUT 192.0.2.1:443');
    assert.equal(timedOut.errno, -constants.errno.ETIMEDOUT);
  });

  it('ENOENT matches a real failed open, message included', async () => {
    const real = await realError(open('/nonexistent/mendkit/report.csv', 'w'));
    const injected = made(faults.fs('ENOENT', { path: '/nonexistent/mendkit/report.csv' }));
    assert.deepEqual(shape(injected), shape(real));
    assert.equal(injected.message, real.message);
    assert.equal(injected.path, real.path);
  });

  it('ENOSPC matches a real write to /dev/full; the path may come from the call', { skip: requireLinux() }, async () => {
    const real = await realError(writeFile('/dev/full', 'x'));
    const injected = made(faults.fs('ENOSPC'));
    assert.deepEqual(shape(injected), shape(real));
    assert.equal(injected.message, real.message);
    const fromArgs = made(faults.fs('EACCES', { path: (call) => String(call.args[0]) }));
    assert.equal(fromArgs.message, "EACCES: permission denied, open '/data/out/report.csv'");
    assert.equal(fromArgs.errno, -constants.errno.EACCES);
    const busy = made(faults.fs('EBUSY', { path: '/mnt/a', dest: '/mnt/b' }));
    assert.equal(busy.message, "EBUSY: resource busy or locked, rename '/mnt/a' -> '/mnt/b'");
  });

  it('an HTTP fault is the HttpError raiseForStatus throws, Retry-After included', () => {
    const error = made(faults.http(503, { retryAfter: 2, url: 'https://api.example.com/stock' }));
    assert.ok(error instanceof HttpError);
    assert.equal(error.message, 'HTTP 503 Service Unavailable from https://api.example.com/stock');
    assert.deepEqual([error.code, error.status, error.headers['retry-after']], ['HTTP_503', 503, '2']);
  });

  it('each attempt gets a fresh error', () => {
    const fault = faults.network('ECONNRESET');
    assert.notEqual(fault.create(context), fault.create(context));
  });

  it('refuses unknown codes, statuses and options, naming them', () => {
    assert.throws(() => faults.network('ECONNRESTE' as never), (e: unknown) => e instanceof ConfigError && /unknown code "ECONNRESTE"; known codes: ECONNRESET/.test(e.message));
    assert.throws(() => faults.http(200), /faults.http\(200\): the status must be an integer from 400 to 599/);
    assert.throws(() => faults.http(503, { retryAftr: 1 } as never), /unknown option `retryAftr` \(did you mean `retryAfter`\?\)/);
    assert.throws(() => faults.fs('ENOENT', { path: 3 } as never), /`path` must be a string or a function/);
    assert.throws(() => faults.latency(-1), /`ms` must be a finite number ≥ 0/);
  });
});
