import 'reflect-metadata';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { errors, exponential, HttpError, raiseForStatus, Retry, RetryExhaustedError } from 'mendkit';
import { createTestKit, flakyHttpServer, type FlakyHttpServer, refusedUrl, type TestKit } from 'mendkit/testing';

/** A client as users write it: real fetch, HTTP failures turned into errors. */
class ApiClient {
  @Retry({ attempts: 4, backoff: exponential({ multiplier: 100, max: 1000 }) })
  async get(url: string): Promise<unknown> {
    const response = await raiseForStatus(await fetch(url));
    return response.json();
  }

  @Retry({ attempts: 4 })
  async getName(url: string): Promise<string> {
    const body = (await (await fetch(url)).json()) as { user?: { name: string } };
    return body.user!.name;
  }

  @Retry({ attempts: 4 })
  async getParsed(url: string): Promise<unknown> {
    return JSON.parse(await (await fetch(url)).text());
  }
}

describe('@Retry against real network faults (fetch and a local server)', () => {
  let kit: TestKit;
  let server: FlakyHttpServer | undefined;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(async () => {
    kit.dispose();
    await server?.close();
    server = undefined;
  });

  it('retries a connection reset', async () => {
    server = await flakyHttpServer(['reset', 'reset', { status: 200, body: { ok: 1 } }]);
    assert.deepEqual(await new ApiClient().get(server.url), { ok: 1 });
    assert.equal(server.requests, 3);
    assert.deepEqual(kit.logs.events('retry.scheduled').map((line) => line.code), ['ECONNRESET', 'ECONNRESET']);
  });

  it('retries a refused connection, then gives up with the real error as cause', async () => {
    const url = await refusedUrl();
    const error = await new ApiClient().get(url).catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.equal(error.attempts, 4);
    assert.ok(error.cause instanceof TypeError);
    assert.equal((error.cause.cause as { code?: string }).code, 'ECONNREFUSED');
    assert.ok(errors.network.matches(error));
    assert.deepEqual(kit.clock.sleeps, [100, 200, 400]);
  });

  it("retries a 503 after the server's Retry-After", async () => {
    server = await flakyHttpServer([{ status: 503, retryAfter: 2, body: 'maintenance' }, { status: 200, body: { ok: 2 } }]);
    assert.deepEqual(await new ApiClient().get(server.url), { ok: 2 });
    assert.deepEqual(kit.clock.sleeps, [2000]);
  });

  it('retries a 429 and keeps status, headers and a body excerpt on the error', async () => {
    server = await flakyHttpServer([{ status: 429, retryAfter: 1, headers: { 'x-ratelimit-remaining': '0' }, body: 'slow down' }]);
    const error = await new ApiClient().get(server.url).catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    const last = error.cause;
    assert.ok(last instanceof HttpError);
    assert.equal(last.status, 429);
    assert.equal(last.code, 'HTTP_429');
    assert.equal(last.headers['x-ratelimit-remaining'], '0');
    assert.equal(await last.readBody(), 'slow down');
    assert.equal(last.body, 'slow down');
    assert.equal(server.requests, 4);
    assert.deepEqual(kit.clock.sleeps, [1000, 1000, 1000]);
  });

  it('does not retry a TypeError from a bug in the caller', async () => {
    server = await flakyHttpServer([{ status: 200, body: { nobody: true } }]);
    await assert.rejects(new ApiClient().getName(server.url), TypeError);
    assert.equal(server.requests, 1);
  });

  it('does not retry a SyntaxError from JSON.parse', async () => {
    server = await flakyHttpServer([{ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }]);
    await assert.rejects(new ApiClient().getParsed(server.url), SyntaxError);
    assert.equal(server.requests, 1);
  });

  it('does not retry a 404', async () => {
    server = await flakyHttpServer([{ status: 404, body: 'no such report' }]);
    await assert.rejects(new ApiClient().get(server.url), { name: 'HttpError', status: 404 });
    assert.equal(server.requests, 1);
  });
});

describe('raiseForStatus', () => {
  let server: FlakyHttpServer;
  before(async () => {
    server = await flakyHttpServer([{ status: 204 }, { status: 500, body: 'x'.repeat(5000) }]);
  });
  after(() => server.close());

  it('returns an ok response unchanged (awaited or not) and turns a failure into an HttpError with a bounded body', async () => {
    const ok = await fetch(server.url);
    assert.equal(raiseForStatus(ok), ok);
    assert.equal(await raiseForStatus(ok), ok);
    let error: unknown;
    try {
      await raiseForStatus(await fetch(server.url));
    } catch (thrown) {
      error = thrown;
    }
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 500);
    assert.equal((await error.readBody()).length, 512);
    assert.equal(error.body.length, 512);
    assert.equal(error.url, server.url);
    assert.match(error.message, /^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('called without await, it throws on the spot: the code after it does not run, no unhandled rejection', async () => {
    const bad = await flakyHttpServer([{ status: 503, retryAfter: 2, body: 'down' }]);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): number => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      let wentOn = false;
      const forgetful = async (): Promise<void> => {
        raiseForStatus(await fetch(bad.url)); // no await, as raise_for_status() is written
        wentOn = true;
      };
      const error = await forgetful().catch((e: unknown) => e);
      assert.ok(error instanceof HttpError);
      assert.equal(error.headers['retry-after'], '2');
      assert.equal(wentOn, false);
      assert.equal(await error.readBody(), 'down');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(rejections, []);
    } finally {
      process.off('unhandledRejection', onRejection);
      await bad.close();
    }
  });

  it('throws at once on a body that never ends; the excerpt read ends when the request is aborted', async () => {
    const hanging = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    hanging.listen(0, '127.0.0.1');
    await once(hanging, 'listening');
    const controller = new AbortController();
    try {
      const { port } = hanging.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: controller.signal });
      const error = ((): unknown => {
        try {
          return raiseForStatus(response);
        } catch (thrown) {
          return thrown;
        }
      })();
      assert.ok(error instanceof HttpError);
      assert.equal(error.status, 502);
      controller.abort(); // the body read ends with the request: readBody() does not hang
      assert.match(await error.readBody(), /^(partial)?$/);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
