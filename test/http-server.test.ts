import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { HttpServer, HttpServerError } from '../src/serve/HttpServer';
import { parseListenAddress } from '../src/serve/ListenAddress';
import { sendJson } from '../src/serve/respond';
import { FIXTURES, spawnMendkit } from './support/cli';

const TOKEN = 'a-token-of-enough-length';

/** One request; `host` overrides the Host header. */
function call(url: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

async function started(token?: string) {
  const errors: unknown[] = [];
  const server = new HttpServer({ address: '127.0.0.1:0', token, logger: { error: (...line: unknown[]) => errors.push(line) } as never });
  server.route(
    { method: 'GET', path: '/api/jobs/:name', handle: ({ params }, _req, res) => sendJson(res, 200, { name: params.name }) },
    { method: 'POST', path: '/api/jobs/:name/run', action: true, handle: (_request, _req, res) => sendJson(res, 202, { ran: true }) },
    { method: 'GET', path: '/assets/*', handle: ({ params }, _req, res) => sendJson(res, 200, { rest: params['*'] }) },
    { method: 'GET', path: '/boom', handle: () => Promise.reject(new Error('handler failed')) },
  );
  const { url } = await server.listen();
  after(() => server.close());
  return { server, url, errors };
}

describe('listen addresses', () => {
  it('reads host:port, [ipv6]:port and a bare port (loopback)', () => {
    assert.deepEqual(parseListenAddress('127.0.0.1:9464'), { host: '127.0.0.1', port: 9464 });
    assert.deepEqual(parseListenAddress('[::1]:0'), { host: '::1', port: 0 });
    assert.deepEqual(parseListenAddress('9464'), { host: '127.0.0.1', port: 9464 });
    assert.deepEqual(parseListenAddress('metrics.internal:80'), { host: 'metrics.internal', port: 80 });
  });

  it('names what is wrong with a bad one', () => {
    assert.throws(() => parseListenAddress('127.0.0.1:99999'), /port must be 0 to 65535, got '99999'/);
    assert.throws(() => parseListenAddress('::1:9464'), /IPv6 address in brackets/);
    assert.throws(() => parseListenAddress('[nope]:1'), /'nope' is not an IPv6 address/);
    assert.throws(() => parseListenAddress('host name:1'), /neither an IP address nor a host name/);
    assert.throws(() => parseListenAddress('localhost'), /expected host:port/);
  });
});

describe('HttpServer', () => {
  it('routes by method and path, with parameters, and says 404 and 405 in JSON', async () => {
    const { url } = await started();
    assert.deepEqual(JSON.parse((await call(`${url}/api/jobs/nightly%20backup`)).body), { name: 'nightly backup' });
    assert.deepEqual(JSON.parse((await call(`${url}/assets/js/app.js`)).body), { rest: 'js/app.js' });
    const missing = await call(`${url}/nope`);
    assert.equal(missing.status, 404);
    assert.match(JSON.parse(missing.body).error, /no such endpoint/);
    const wrongMethod = await call(`${url}/api/jobs/x`, { method: 'POST' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'GET');
  });

  it('sends a strict content security policy and no-sniff on every response, errors included', async () => {
    const { url } = await started();
    for (const path of ['/api/jobs/a', '/nope']) {
      const { headers } = await call(`${url}${path}`);
      assert.match(String(headers['content-security-policy']), /script-src 'self'/);
      assert.doesNotMatch(String(headers['content-security-policy']), /unsafe-inline|unsafe-eval/);
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.equal(headers['x-frame-options'], 'DENY');
    }
  });

  it('refuses actions without a token configured (read-only), or with a wrong one', async () => {
    const readOnly = await started();
    assert.equal((await call(`${readOnly.url}/api/jobs/a/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 403);
    const guarded = await started(TOKEN);
    const none = await call(`${guarded.url}/api/jobs/a/run`, { method: 'POST' });
    assert.equal(none.status, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    assert.equal((await call(`${guarded.url}/api/jobs/a/run`, { method: 'POST', headers: { authorization: 'Bearer wrong-token-but-long' } })).status, 401);
    assert.equal((await call(`${guarded.url}/api/jobs/a/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 202);
  });

  it('answers a loopback server only under a loopback host name (no DNS rebinding)', async () => {
    const { url } = await started();
    assert.equal((await call(`${url}/api/jobs/a`, { headers: { host: 'evil.example:80' } })).status, 403);
    assert.equal((await call(`${url}/api/jobs/a`, { headers: { host: 'localhost' } })).status, 200);
  });

  it("logs a handler's error and answers 500 without its details", async () => {
    const { url, errors } = await started();
    const { status, body } = await call(`${url}/boom`);
    assert.equal(status, 500);
    assert.doesNotMatch(body, /handler failed/);
    assert.match(JSON.stringify(errors), /http\.error.*handler failed/);
  });

  it('refuses a bad address, a short token, and a non-loopback address without a token', () => {
    assert.throws(() => new HttpServer({ address: 'x:y' }), (error: unknown) => error instanceof HttpServerError && error.reason === 'config');
    assert.throws(() => new HttpServer({ address: '127.0.0.1:0', token: 'short' }), /at least 16 characters, got 5/);
    assert.throws(() => new HttpServer({ address: '0.0.0.0:0' }), /refusing to listen on 0\.0\.0\.0:0 without a token/);
    assert.doesNotThrow(() => new HttpServer({ address: '0.0.0.0:0', token: TOKEN }));
  });

  it('says when the port is in use', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    after(() => squatter.close());
    const { port } = squatter.address() as { port: number };
    await assert.rejects(new HttpServer({ address: `127.0.0.1:${port}` }).listen(), (error: unknown) => error instanceof HttpServerError && error.reason === 'listen' && /port is in use/.test(error.message));
  });
});

describe('mendkit start --http', () => {
  const jobs = path.join(FIXTURES, 'jobs.js');
  const state = () => mkdtempSync(path.join(tmpdir(), 'mendkit-http-'));

  it('serves on the address given and closes the server at shutdown', async () => {
    const child = spawnMendkit(['start', jobs, '--state-dir', state(), '--http', '127.0.0.1:0']);
    await child.waitFor('mendkit: serving http://127.0.0.1:');
    assert.match(child.stderr, /\(read-only: no --http-token\)/);
    const url = /serving (http:\/\/\S+)/.exec(child.stderr)?.[1] ?? '';
    assert.equal((await call(`${url}/nope`)).status, 404);
    await child.waitFor('job(s) scheduled');
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
  });

  it('exits 9 when the port is in use and 2 for a bad address or an exposed one without a token', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    after(() => squatter.close());
    const { port } = squatter.address() as { port: number };
    const inUse = spawnMendkit(['start', jobs, '--state-dir', state(), '--http', `127.0.0.1:${port}`]);
    assert.equal(await inUse.exited, 9, inUse.stderr);
    assert.match(inUse.stderr, /--http: cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
    const bad = spawnMendkit(['start', jobs, '--state-dir', state(), '--http', 'nowhere']);
    assert.equal(await bad.exited, 2, bad.stderr);
    const exposed = spawnMendkit(['start', jobs, '--state-dir', state(), '--http', '0.0.0.0:0'], { MENDKIT_HTTP_TOKEN: '' });
    assert.equal(await exposed.exited, 2, exposed.stderr);
    assert.match(exposed.stderr, /without a token/);
  });
});
