import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { breakers, CircuitBreaker } from 'mendkit';
import { breakersView } from '../src/dashboard/breakersView';
import { breakerRoutes } from '../src/serve/breakerRoutes';
import { sendJson } from '../src/serve/respond';
import { HttpServer } from '../src/serve/HttpServer';
import { CLI, events, FIXTURES, spawnMendkit } from './support/cli';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

const TOKEN = 'an-operator-token-long-enough';

/** Runs `mendkit breakers …` in a child process, without blocking this one (a server may be in it). */
function operator(args: readonly string[], token: string | null = TOKEN) {
  const child = spawn(process.execPath, [CLI, 'breakers', ...args], {
    env: { ...process.env, MENDKIT_HTTP_TOKEN: token ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('mendkit breakers isolate / reset, against a running scheduler', () => {
  it('isolates the job\'s breaker (its runs fail at once), then resets it (they succeed again)', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'mendkit-breakers-'));
    const scheduler = spawnMendkit(['start', path.join(FIXTURES, 'breakers.js'), '--state-dir', state, '--http', '127.0.0.1:0', '--http-token', TOKEN]);
    await scheduler.waitFor('mendkit: serving http://127.0.0.1:');
    const url = /serving (http:\/\/\S+)/.exec(scheduler.stderr)![1]!;
    await waitFor(() => events(scheduler.stderr, 'job.succeeded').length > 0, { what: 'a first run, which makes the breaker' });

    const isolated = await operator(['isolate', 'Payments.charge', '--key', 'eu', '--url', url]);
    assert.equal(isolated.status, 0, isolated.stderr);
    assert.equal(isolated.stdout, 'isolated Payments.charge [eu]: now isolated\n');
    const listed = await operator(['--url', url], null);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^NAME +KEY +STATE +FAILURES +NEXT PROBE\nPayments\.charge +eu +isolated +0 +-\n$/);
    const failed = await waitFor(() => events(scheduler.stderr, 'job.failed')[0], { what: 'a run refused by the isolated breaker' });
    assert.equal(failed.code, 'MENDKIT_CIRCUIT_OPEN');
    assert.match(JSON.stringify(failed), /Payments\.charge \[eu\]: circuit isolated by an operator/);
    assert.equal(events(scheduler.stderr, 'circuit.isolated').length, 1);

    const reset = await operator(['reset', 'Payments.charge', '--url', url]);
    assert.equal(reset.status, 0, reset.stderr);
    assert.equal(reset.stdout, 'reset Payments.charge [eu]: now closed\n');
    const succeededBefore = events(scheduler.stderr, 'job.succeeded').length;
    await waitFor(() => events(scheduler.stderr, 'job.succeeded').length > succeededBefore, { what: 'a run that succeeds after the reset' });
    assert.deepEqual(events(scheduler.stderr, 'circuit.reset').map((line) => [line.key, line.from]), [['eu', 'isolated']]);

    const [withoutToken, unknown] = await Promise.all([
      operator(['isolate', 'Payments.charge', '--url', url], null),
      operator(['isolate', 'Payments.refund', '--url', url]),
    ]);
    assert.equal(withoutToken.status, 12);
    assert.match(withoutToken.stderr, /refused: this action needs the token.*pass the server's token with --token or MENDKIT_HTTP_TOKEN/);
    assert.equal(unknown.status, 13);
    assert.match(unknown.stderr, /no circuit breaker Payments\.refund has run in this container.*known: Payments\.charge/);

    scheduler.child.kill('SIGTERM');
    assert.equal(await scheduler.exited, 0, scheduler.stderr);
  });

  it('says when the scheduler cannot be reached, and refuses an unknown action', async () => {
    const [unreachable, unknown, missing] = await Promise.all([operator(['--url', 'http://127.0.0.1:1']), operator(['open', 'A.b']), operator(['isolate'])]);
    assert.equal(unreachable.status, 11);
    assert.match(unreachable.stderr, /cannot reach the scheduler at http:\/\/127\.0\.0\.1:1 .*mendkit start <module> --http/);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown action 'open'; actions: isolate, reset/);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /breakers isolate: missing the breaker name/);
  });
});

class Inventory {
  @CircuitBreaker({ key: (host: string) => host })
  async stock(host: string): Promise<string> {
    return host;
  }
}

describe('the breaker routes and the listing', () => {
  useTestKit();
  let server: HttpServer;
  let url = '';
  before(async () => {
    server = new HttpServer({ address: '127.0.0.1:0', token: TOKEN });
    breakerRoutes(server, { history: undefined as never });
    // The listing is the dashboard's route, served here as it serves it.
    server.route({ method: 'GET', path: '/api/breakers', handle: (_request, _req, res) => sendJson(res, 200, breakersView()) });
    ({ url } = await server.listen());
  });
  after(() => server.close());

  const post = (path: string, body?: string, token = TOKEN) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body }) });

  it('isolate and reset by JSON body or query; 404 for a breaker that has not run; 400 without a name; 401 without the token', async () => {
    const inventory = new Inventory();
    await inventory.stock('a.example');
    await inventory.stock('b.example');
    const isolated = await post('/api/breakers/isolate', JSON.stringify({ name: 'Inventory.stock', key: 'a.example' }));
    assert.equal(isolated.status, 200);
    assert.deepEqual(await isolated.json(), { breakers: [{ name: 'Inventory.stock', key: 'a.example', state: 'isolated', failures: 0, halfOpenAt: null }] });
    const reset = await post('/api/breakers/reset?name=Inventory.stock');
    assert.deepEqual(((await reset.json()) as { breakers: { state: string }[] }).breakers.map((breaker) => breaker.state), ['closed', 'closed']);
    const unknown = await post('/api/breakers/reset', JSON.stringify({ name: 'Inventory.count' }));
    assert.equal(unknown.status, 404);
    assert.match(((await unknown.json()) as { error: string }).error, /no circuit breaker Inventory\.count has run/);
    assert.equal((await post('/api/breakers/isolate', '{"key":"a.example"}')).status, 400);
    assert.equal((await post('/api/breakers/isolate', 'name=x')).status, 400);
    assert.equal((await post('/api/breakers/isolate', JSON.stringify({ name: 'Inventory.stock' }), 'a-wrong-token-of-enough-length')).status, 401);
    assert.deepEqual(breakers().map((breaker) => breaker.state), ['closed', 'closed'], 'refused orders change nothing');
  });

  it('mendkit breakers lists them, as a table or as JSON', async () => {
    const inventory = new Inventory();
    await inventory.stock('a.example');
    await post('/api/breakers/isolate', JSON.stringify({ name: 'Inventory.stock' }));
    const [listed, json] = await Promise.all([operator(['--url', url], null), operator(['--url', url, '--json'], null)]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.split('\n'), [
      'NAME             KEY        STATE     FAILURES  NEXT PROBE',
      'Inventory.stock  a.example  isolated  0         -',
      '',
    ]);
    assert.deepEqual(JSON.parse(json.stdout), [{ name: 'Inventory.stock', key: 'a.example', state: 'isolated', failures: 0, halfOpenAt: null }]);
  });
});
