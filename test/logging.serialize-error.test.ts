import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants } from 'node:os';
import { describe, it } from 'node:test';
import { HttpError } from '../src/http/HttpError';
import { MAX_CAUSE_DEPTH } from '../src/matching/errorFacts';
import { MAX_AGGREGATED, type SerializedError, serializeError } from '../src/logging/serializeError';

async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

describe('serializeError', () => {
  it('keeps name, message, code, errno, syscall, path and stack of a real ENOENT', async () => {
    const error = await readFile('/nonexistent/mendkit/x.json').catch((e: unknown) => e);
    const out = serializeError(error);
    assert.equal(out.name, 'Error');
    assert.equal(out.code, 'ENOENT');
    assert.equal(out.errno, -constants.errno.ENOENT);
    assert.equal(out.syscall, 'open');
    assert.equal(out.path, '/nonexistent/mendkit/x.json');
    assert.match(out.stack ?? '', /ENOENT/);
  });

  it("follows a real fetch failure's cause to ECONNREFUSED", async () => {
    const error = await fetch(await refusedUrl()).catch((e: unknown) => e);
    const out = serializeError(error);
    assert.equal(out.name, 'TypeError');
    assert.equal(out.message, 'fetch failed');
    assert.equal((out.cause as SerializedError).code, 'ECONNREFUSED');
    assert.equal((out.cause as SerializedError).syscall, 'connect');
  });

  it('keeps the HTTP status from status, statusCode or response.status', () => {
    assert.equal(serializeError(new HttpError({ status: 503, url: 'http://x' })).status, 503);
    assert.equal(serializeError(Object.assign(new Error('x'), { statusCode: 429 })).status, 429);
    assert.equal(serializeError(Object.assign(new Error('x'), { response: { status: 401 } })).status, 401);
  });

  it('ends a cause cycle with a marker', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const out = serializeError(a);
    assert.equal((out.cause as SerializedError).message, 'b');
    assert.equal((out.cause as SerializedError).cause, '[Circular]');
  });

  it('bounds the depth of the cause chain', () => {
    let error = new Error('root');
    for (let i = 0; i < 50; i++) error = new Error(`wrap ${i}`, { cause: error });
    let out: SerializedError | string | undefined = serializeError(error);
    let depth = 0;
    while (typeof out === 'object') {
      out = out.cause;
      depth += 1;
    }
    assert.equal(depth, MAX_CAUSE_DEPTH);
    assert.equal(out, '[Too deep]');
  });

  it("keeps an AggregateError's errors, bounded", () => {
    const inner = Array.from({ length: 15 }, (_, i) => Object.assign(new Error(`e${i}`), { code: `E${i}` }));
    const out = serializeError(new AggregateError(inner, 'all failed'));
    assert.equal(out.name, 'AggregateError');
    assert.equal(out.errors?.length, MAX_AGGREGATED);
    assert.equal((out.errors?.[3] as SerializedError).code, 'E3');
  });

  it('describes thrown non-errors and survives throwing getters', () => {
    assert.deepEqual(serializeError('just a string'), { name: 'string', message: 'just a string' });
    const hostile = new Error('hostile');
    Object.defineProperty(hostile, 'code', { get: () => { throw new Error('no'); } });
    Object.defineProperty(hostile, 'status', { get: () => { throw new Error('no'); } });
    assert.equal(serializeError(hostile).message, 'hostile');
    assert.equal(serializeError(hostile).code, undefined);
  });
});
