import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { events, FIXTURES, spawnMendkit } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-alerts-cli-'));
const alerting = path.join(FIXTURES, 'alerting.js');
const SECRET = 's3cr3t-hook-token';

/** A local webhook: `answer` decides each response; every body received is kept. */
async function webhook(answer: (res: ServerResponse) => void = (res) => res.writeHead(200).end('ok')) {
  const bodies: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${SECRET}`;
  return { server, bodies, url };
}

let open: Server[] = [];
function track(server: Server): void {
  open.push(server);
}

/** The stderr lines that are not JSON log lines. */
function plainLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
}

describe('alerts from the CLI', () => {
  afterEach(async () => {
    for (const server of open) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    open = [];
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('mendkit run of a failing job: the alert reaches the webhook before the process exits', async () => {
    const hook = await webhook();
    track(hook.server);
    const child = spawnMendkit(['run', alerting, 'broken', '--state-dir', path.join(root, 'run')], { ALERT_URL: hook.url });
    assert.equal(await child.exited, 1, child.stderr);
    assert.deepEqual(hook.bodies.map((body) => [body.event, body.component, body.code]), [['job.failed', 'broken', 'EIO']]);
    assert.deepEqual(plainLines(child.stderr), []);
  });

  it('a webhook that does not answer in time: one warning line naming it (secret hidden) and why, then exit', async () => {
    const hook = await webhook(() => undefined); // never answers
    track(hook.server);
    const child = spawnMendkit(['run', alerting, 'broken', '--state-dir', path.join(root, 'hang')], { ALERT_URL: hook.url, MENDKIT_EXIT_FLUSH_MS: '500' });
    assert.equal(await child.exited, 1, child.stderr);
    const lines = plainLines(child.stderr);
    assert.equal(lines.length, 1, child.stderr);
    const port = new URL(hook.url).port;
    assert.equal(
      lines[0],
      `mendkit: warning [MENDKIT_ALERT_UNDELIVERED]: alert job.failed not delivered to the webhook http://127.0.0.1:${port}/hook/***: still busy 500 ms after the program ended (no answer yet)`,
    );
    assert.ok(!child.stderr.includes(SECRET));
  });

  it('a webhook that refuses every delivery: one warning line with the reason', async () => {
    const hook = await webhook();
    await new Promise((resolve) => hook.server.close(resolve)); // nothing listens on its port now
    const child = spawnMendkit(['run', alerting, 'broken', '--state-dir', path.join(root, 'refused')], { ALERT_URL: hook.url, ALERT_ATTEMPTS: '2' });
    assert.equal(await child.exited, 1, child.stderr);
    const lines = plainLines(child.stderr);
    assert.equal(lines.length, 1, child.stderr);
    assert.match(lines[0]!, /^mendkit: warning \[MENDKIT_ALERT_UNDELIVERED\]: alert job\.failed not delivered to the webhook http:\/\/127\.0\.0\.1:\d+\/hook\/\*\*\*: .*(fetch failed|ECONNREFUSED)/);
    assert.ok(!child.stderr.includes(SECRET));
  });

  it('SIGTERM under mendkit start: the summary of held-back alerts is sent before exit', async () => {
    const hook = await webhook();
    track(hook.server);
    const child = spawnMendkit(['start', alerting, '--state-dir', path.join(root, 'start'), '--grace-ms', '2000'], { ALERT_URL: hook.url });
    const started = Date.now();
    // The module's logger writes its lines to stdout.
    while (events(child.stdout.slice(0, child.stdout.lastIndexOf('\n')), 'job.failed').filter((line) => line.job === 'flapping').length < 4) {
      if (Date.now() - started > 20_000) throw new Error(`flapping did not fail 4 times:\n${child.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
    const failures = events(child.stdout, 'job.failed').filter((line) => line.job === 'flapping').length;
    const flapping = hook.bodies.filter((body) => body.component === 'flapping');
    assert.deepEqual(flapping.map((body) => body.event), ['job.failed', 'alert.summary']);
    assert.equal((flapping[1]!.fields as Record<string, unknown>).repeats, failures - 1);
  });
});
