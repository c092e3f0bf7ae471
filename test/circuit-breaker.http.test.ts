import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bulkhead, breakers, CircuitBreaker, fixed, raiseForStatus, Retry } from 'mendkit';
import { deferred } from './support/scripted';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';
import { switchableServer, type SwitchableServer } from './support/switchableServer';

class Inventory {
  @Retry({ attempts: 4, backoff: fixed(1000) })
  @CircuitBreaker({ consecutive: 3, halfOpenAfter: 10_000 })
  @Bulkhead({ concurrency: 4, queue: 100 })
  async stock(url: string): Promise<number> {
    const response = await raiseForStatus(await fetch(url));
    return ((await response.json()) as { stock: number }).stock;
  }
}

describe('a real HTTP service that goes down for a while (breaker time on a fake clock)', () => {
  const kit = useTestKit({ now: 0 });
  let server: SwitchableServer;
  before(async () => {
    server = await switchableServer();
  });
  after(() => server.close());

  it('opens, fails fast while open, lets one probe through when the service is back, then the rest', async () => {
    const { clock, logs } = kit;
    const inventory = new Inventory();
    let settled = 0;
    const callers = Array.from({ length: 20 }, () =>
      inventory.stock(server.url).finally(() => {
        settled += 1;
      }),
    );

    // t=0: every first attempt reaches the down service (admitted before the circuit opened),
    // never more than 4 at a time; the circuit opens after 3 failures.
    await waitFor(() => clock.pendingTimers === 20, { what: 'all 20 callers to wait out their backoff' });
    assert.equal(server.requests, 20);
    assert.equal(breakers()[0]?.state, 'open');

    // t=1000: the retries meet the open circuit and fail fast; nothing reaches the service.
    await clock.advance(1000);
    await waitFor(() => clock.pendingTimers === 20, { what: 'the refused retries to wait for the half-open time' });
    assert.equal(server.requests, 20, 'an open circuit sends nothing');
    assert.deepEqual(
      logs.events('retry.scheduled').slice(20).map((line) => [line.code, line.delayMs]),
      Array.from({ length: 20 }, () => ['MENDKIT_CIRCUIT_OPEN', 9000]),
    );

    // The service comes back at t=5000 (its answers held, to watch the probe in flight); at
    // t=10 000 exactly one probe is let through and the other 19 are refused until t=20 000.
    await clock.advance(4000);
    server.up = true;
    const probeAnswer = deferred();
    server.gate = probeAnswer.promise;
    await clock.advance(5000);
    await waitFor(() => server.requests === 21 && clock.pendingTimers === 19, { what: 'the probe to reach the service' });
    assert.equal(breakers()[0]?.state, 'half-open');
    assert.equal(server.requests, 21, 'no thundering herd: one probe');
    probeAnswer.resolve();
    await waitFor(() => settled === 1, { what: 'the probe to succeed' });
    assert.equal(breakers()[0]?.state, 'closed');

    // t=20 000: the 19 refused callers come back to a closed circuit, 4 at a time.
    await clock.advance(10_000);
    assert.deepEqual(await Promise.all(callers), Array.from({ length: 20 }, () => 7));
    assert.equal(server.requests, 40);
    assert.ok(server.maxInFlight <= 4, `the bulkhead bounds what reaches the service (${server.maxInFlight} at once)`);
    assert.deepEqual(
      [logs.events('circuit.open').length, logs.events('circuit.half_open').length, logs.events('circuit.closed').length],
      [1, 1, 1],
    );
    assert.equal(clock.pendingTimers, 0);
  });
});
