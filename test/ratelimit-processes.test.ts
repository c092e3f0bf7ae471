import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { requireRedis } from './support/requires';
import { pairSlots, type SlotEvent } from './support/slotLog';
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
 * The ${LIMIT + 1} grants, each known only to lie within its `[from, to]`, that surely fell
 * closest together, and how close: the span from their earliest `from` to their latest `to`.
 * Under `PER_MS`, they fell within one window. For each grant as the one with the earliest `from`,
 * the ${LIMIT} others (`from` no earlier) with the earliest `to` span the least.
 */
function tightest(grants: readonly (readonly [number, number])[]): { spanMs: number; grants: (readonly [number, number])[] } {
  const byFrom = [...grants].sort((a, b) => a[0] - b[0]);
  let best = { spanMs: Infinity, grants: [] as (readonly [number, number])[] };
  for (let i = 0; i + LIMIT < byFrom.length; i++) {
    const first = byFrom[i]!;
    const others = byFrom.slice(i + 1).sort((a, b) => a[1] - b[1]).slice(0, LIMIT);
    const spanMs = Math.max(first[1], ...others.map((grant) => grant[1])) - first[0];
    if (spanMs < best.spanMs) best = { spanMs, grants: [first, ...others] };
  }
  return best;
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
  it(`${PROCESSES} processes × ${CALLS} calls, limit ${LIMIT} per ${PER_MS} ms: no ${PER_MS} ms holds more than ${LIMIT} grants, and each call reaches the server after its own`, { timeout: 120_000 }, async () => {
    const repeated: string[] = [];
    /** Each call's arrival at the server, stamped when its handler runs: `pid:id` → when. */
    const arrivals = new Map<string, number>();
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/call')) {
        const arrived = monotonicMs();
        const query = new URL(request.url, 'http://server').searchParams;
        const call = `${query.get('pid')}:${query.get('id')}`;
        if (arrivals.has(call)) repeated.push(call);
        arrivals.set(call, arrived);
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
        what: () => `the clients to finish (${arrivals.size} of ${PROCESSES * CALLS} calls arrived)`,
        timeoutMs: 100_000,
      });
      const reports = outputs.map((output) => JSON.parse(/done (.*)/.exec(output.text)![1]!) as { pid: number; ok: number; log: SlotEvent[] });
      assert.deepEqual(reports.map((report) => report.ok), [CALLS, CALLS, CALLS], 'every call got through');
      assert.deepEqual(repeated, [], 'no call reached the server twice');
      assert.equal(arrivals.size, PROCESSES * CALLS);

      // Which slot each call started on, from each process's own order of events: exact, on no
      // clock, so however busy the machine. A call that started with no slot granted before it —
      // let through without one, or ahead of it — shows here, and so does a slot no call used.
      const slots = new Map<string, readonly [sent: number, answered: number]>();
      let grantToBodyMs = 0;
      for (const { pid, log } of reports) {
        const pairing = pairSlots(log);
        assert.deepEqual(pairing.problems, [], `process ${pid}: every call started on a slot of its own`);
        for (const [id, slot] of pairing.slots) slots.set(`${pid}:${id}`, slot);
        for (const event of log) if ('started' in event) grantToBodyMs = Math.max(grantToBodyMs, event.at - pairing.slots.get(event.started)![1]);
      }
      assert.equal(slots.size, PROCESSES * CALLS, 'one slot per call');

      // The limit holds on Redis's clock, when a slot is granted. Each grant is known to lie
      // between its request leaving and its answer coming back, so ${LIMIT + 1} grants whose
      // requests all left and answers all came within ${PER_MS} ms prove a window over the limit,
      // however busy the machine (a busy one only widens the bounds).
      const granted = tightest([...slots.values()]);
      assert.ok(granted.spanMs >= PER_MS, `${LIMIT + 1} slots granted within ${granted.spanMs.toFixed(2)} ms: ${JSON.stringify(granted.grants)}`);

      // At the server: every arrival is of a call that held a slot, and came after it was granted.
      // Its grant then lies between its request to Redis leaving and its arrival, so ${LIMIT + 1}
      // arrivals within ${PER_MS} ms of the earliest of those requests prove a window over the
      // limit. Each call's span is its own and holds all of its way from Redis to the server — the
      // wait for a core between the grant and the method's body too, tens of ms on a loaded machine,
      // which no sum of pieces measured apart (Redis's round trip, the request's trip) covers.
      // Given the grants' windows above, this follows; it is counted because it is what the limit
      // promises, seen where the calls land.
      const spans: [number, number][] = [];
      for (const [call, arrived] of arrivals) {
        const slot = slots.get(call);
        assert.ok(slot !== undefined, `call ${call} reached the server holding no slot`);
        assert.ok(arrived >= slot[1], `call ${call} reached the server at ${arrived.toFixed(2)}, before its slot was granted at ${slot[1].toFixed(2)}`);
        spans.push([slot[0], arrived]);
      }
      const landed = tightest(spans);
      const longestMs = Math.max(...spans.map(([sent, at]) => at - sent));
      const sorted = [...arrivals.values()].sort((a, b) => a - b);
      const strict = busiestWindow(sorted, PER_MS);
      console.log(
        `# ${sorted.length} arrivals over ${((sorted.at(-1)! - sorted[0]!) / 1000).toFixed(2)} s, at most ${strict.count} in ${PER_MS} ms at the server; ` +
          `the closest ${LIMIT + 1} grants spanned ${granted.spanMs.toFixed(2)} ms by their bounds, the closest ${LIMIT + 1} calls ${landed.spanMs.toFixed(2)} ms ` +
          `from request for a slot to arrival (${PER_MS} needed); a call's way from request for a slot to arrival took at most ${longestMs.toFixed(2)} ms, ` +
          `from grant to body ${grantToBodyMs.toFixed(2)} ms`,
      );
      assert.ok(landed.spanMs >= PER_MS, `${LIMIT + 1} calls reached the server within ${landed.spanMs.toFixed(2)} ms of their requests for slots: ${JSON.stringify(landed.grants)}`);
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
