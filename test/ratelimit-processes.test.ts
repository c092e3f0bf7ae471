import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { requireRedis } from './support/requires';
import { REDIS_URL } from './support/services';
import { waitFor } from './support/waitFor';

const CLIENT = path.join(__dirname, 'fixtures', 'rateLimitedClient.js');
const PROCESSES = 3;
const CALLS = 100;
const LIMIT = 10;
const PER_MS = 1000;

const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** The machine's monotonic clock, in ms: one clock for every process here. */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * ${LIMIT + 1} grants that certainly fell within one window of `PER_MS`: the earliest-sent grant
 * and the ${LIMIT} others (sent no earlier) answered first, when those answers came less than
 * `PER_MS` after it was sent. Undefined when there are none.
 */
function windowOverLimit(grants: readonly [number, number][]): [number, number][] | undefined {
  const bySent = [...grants].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i + LIMIT < bySent.length; i++) {
    const [sent] = bySent[i]!;
    const firstAnswered = bySent.slice(i + 1).sort((a, b) => a[1] - b[1]).slice(0, LIMIT);
    const lastAnswer = Math.max(bySent[i]![1], ...firstAnswered.map((grant) => grant[1]));
    if (lastAnswer - sent < PER_MS) return [bySent[i]!, ...firstAnswered];
  }
  return undefined;
}

/** The most arrivals any half-open window [t, t + widthMs) holds, and where that window starts. */
function busiestWindow(sorted: readonly number[], widthMs: number): { count: number; from: number } {
  let best = { count: 0, from: 0 };
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= widthMs) start += 1;
    if (end - start + 1 > best.count) best = { count: end - start + 1, from: sorted[start]! };
  }
  return best;
}

// The slowest test of the suite, on purpose: 300 calls at 10 per second take 29 s whatever the
// machine, because the issue fixes both numbers. It waits rather than computes, so it runs beside
// the other files without loading the machine.
describe('@RateLimit shared through Redis by three processes', { skip: requireRedis() }, () => {
  it(`${PROCESSES} processes × ${CALLS} calls, limit ${LIMIT} per ${PER_MS} ms: no window of ${PER_MS} ms at the server holds more than ${LIMIT}`, { timeout: 120_000 }, async () => {
    const arrivals: number[] = [];
    const trips: number[] = [];
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/call')) {
        const arrived = monotonicMs();
        arrivals.push(arrived);
        trips.push(arrived - Number(new URL(request.url, 'http://server').searchParams.get('sent')));
      }
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const prefix = `test-ratelimit-${process.pid}-${Date.now()}`;
    try {
      const outputs = Array.from({ length: PROCESSES }, () => ({ text: '' }));
      const spawned = outputs.map((output) => {
        const child = spawn(process.execPath, [CLIENT], {
          env: { ...process.env, REDIS_URL, PREFIX: prefix, SERVER: `http://127.0.0.1:${port}`, CALLS: String(CALLS) },
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        children.add(child);
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
        return child;
      });
      await waitFor(() => outputs.every((output) => output.text.includes('ready')), { what: 'three warmed-up clients' });
      for (const child of spawned) child.stdin!.write('go\n');
      await waitFor(() => outputs.every((output) => /done .*\n/.test(output.text)), {
        what: () => `the clients to finish (${arrivals.length} of ${PROCESSES * CALLS} calls arrived)`,
        timeoutMs: 100_000,
      });
      const reports = outputs.map((output) => JSON.parse(/done (.*)/.exec(output.text)![1]!) as { ok: number; grants: [number, number][] });
      assert.deepEqual(reports.map((report) => report.ok), [CALLS, CALLS, CALLS], 'every call got through');
      assert.equal(arrivals.length, PROCESSES * CALLS);
      const grants = reports.flatMap((report) => report.grants);
      assert.equal(grants.length, PROCESSES * CALLS, 'one slot per call');

      // The limit holds on Redis's clock, when a slot is granted. Each grant is known to lie
      // between its request leaving and its answer coming back, so ${LIMIT + 1} grants whose
      // requests all left and answers all came within ${PER_MS} ms prove a window over the limit,
      // however busy the machine (a busy one only widens the bounds).
      const overfull = windowOverLimit(grants);
      assert.equal(overfull, undefined, `${LIMIT + 1} slots granted within ${PER_MS} ms: ${JSON.stringify(overfull)}`);

      // At the server: each arrival adds its own trip from the grant to the server's stamp — the
      // answer from Redis (at most its round trip), then the request. On a quiet machine both are
      // well under 1 ms; on a loaded one a process waiting for a core stretches some by tens of ms.
      // So the server counts windows narrowed by what this run measured of them, and no more.
      const sorted = [...arrivals].sort((a, b) => a - b);
      const slackMs = Math.max(...trips) - Math.min(...trips) + Math.max(...grants.map(([sent, answered]) => answered - sent));
      const strict = busiestWindow(sorted, PER_MS);
      const narrowed = busiestWindow(sorted, PER_MS - slackMs);
      const closest = Math.min(...sorted.slice(LIMIT).map((at, i) => at - sorted[i]!));
      console.log(
        `# ${sorted.length} arrivals over ${((sorted.at(-1)! - sorted[0]!) / 1000).toFixed(2)} s; at the server the busiest ${PER_MS} ms window held ` +
          `${strict.count}, the closest ${LIMIT + 1}th arrival came ${closest.toFixed(2)} ms after; measured slack ${slackMs.toFixed(2)} ms`,
      );
      assert.ok(narrowed.count <= LIMIT, `a window of ${PER_MS} ms less ${slackMs.toFixed(1)} ms at the server held ${narrowed.count} arrivals`);
      assert.equal(strict.count >= LIMIT, true, 'the limit was used, not starved');
    } finally {
      server.close();
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
