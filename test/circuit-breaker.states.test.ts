import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  BrokenCircuitError,
  breakers,
  CircuitBreaker,
  type CircuitStateChange,
  ConfigError,
  exponential,
  HttpError,
  onCircuitStateChange,
} from 'mendkit';
import { deferred, outcome, refused, Script } from './support/scripted';
import { useTestKit } from './support/useTestKit';

const heard: string[] = [];

class Api {
  constructor(readonly script: Script) {}

  @CircuitBreaker({ consecutive: 1, halfOpenAfter: 1000, onStateChange: ({ from, to }) => heard.push(`${from}→${to}`) })
  async watched(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ consecutive: 3, halfOpenAfter: 10_000 })
  async get(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ consecutive: 1, halfOpenAfter: exponential({ multiplier: 1000 }) })
  async grows(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ consecutive: 1, halfOpenAfter: () => 0 })
  async zeroBreak(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ consecutive: 1, halfOpenAfter: 1000, halfOpenProbes: 2 })
  async gated(gate: Promise<void>): Promise<string> {
    await gate;
    return this.script.run();
  }
}

describe('@CircuitBreaker state transitions (fake clock)', () => {
  const kit = useTestKit({ now: 0 });
  let changes: CircuitStateChange[];
  beforeEach(() => {
    changes = [];
    onCircuitStateChange((change) => changes.push(change));
  });

  it('closed → open after 3 failures, refuses without calling, half-opens at exactly 10 s, closes on a good probe', async () => {
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    for (let i = 0; i < 3; i++) await assert.rejects(api.get(), { code: 'ECONNREFUSED' });
    assert.deepEqual(breakers(), [{ name: 'Api.get', key: undefined, state: 'open', failures: 3, halfOpenAt: 10_000 }]);

    await kit.clock.advance(9_999);
    const refusal = await outcome(api.get());
    assert.ok('error' in refusal && refusal.error instanceof BrokenCircuitError);
    assert.equal(refusal.error.state, 'open');
    assert.equal(refusal.error.halfOpenAt, 10_000);
    assert.equal(refusal.error.retryAfterMs, 1);
    assert.equal((refusal.error.cause as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(api.script.calls, 3, 'an open circuit never calls the method');

    await kit.clock.advance(1);
    assert.equal(await api.get(), 'ok');
    assert.equal(api.script.calls, 4);
    assert.deepEqual(
      changes.map(({ from, to, at }) => [from, to, at]),
      [
        ['closed', 'open', 0],
        ['open', 'half-open', 10_000],
        ['half-open', 'closed', 10_000],
      ],
    );
    assert.deepEqual(breakers(), [{ name: 'Api.get', key: undefined, state: 'closed', failures: 0 }]);
    const [opened] = kit.logs.events('circuit.open');
    assert.equal(opened?.level, 'warn');
    assert.equal(opened?.halfOpenAt, 10_000);
    assert.equal(opened?.code, 'ECONNREFUSED');
    assert.equal(opened?.failures, 3);
    assert.equal(kit.logs.events('circuit.half_open').length, 1);
    assert.equal(kit.logs.events('circuit.closed').length, 1);
  });

  it('a success resets the count of failures in a row', async () => {
    const api = new Api(new Script().plan(refused(), refused(), 'ok', refused(), refused()));
    for (let i = 0; i < 5; i++) await outcome(api.get());
    assert.equal(breakers()[0]?.state, 'closed');
    assert.equal(breakers()[0]?.failures, 2);
  });

  it('errors `on` does not match count as successes: a 404 says the service answered', async () => {
    const notFound = new HttpError({ status: 404, url: 'http://127.0.0.1/x' });
    const api = new Api(new Script().plan(refused(), refused(), notFound, refused(), refused()));
    for (let i = 0; i < 5; i++) await outcome(api.get());
    assert.equal(breakers()[0]?.state, 'closed');
  });

  it('half-open → open when the probe fails, waiting longer each time (backoff), and starts over once closed', async () => {
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    await outcome(api.grows());
    assert.equal(breakers()[0]?.halfOpenAt, 1000);
    await kit.clock.advance(1000);
    await assert.rejects(api.grows(), { code: 'ECONNREFUSED' });
    assert.equal(breakers()[0]?.halfOpenAt, 3000, 'second opening waits 2000 ms');
    await kit.clock.advance(2000);
    await assert.rejects(api.grows(), { code: 'ECONNREFUSED' });
    assert.equal(breakers()[0]?.halfOpenAt, 7000, 'third opening waits 4000 ms');
    await kit.clock.advance(4000);
    assert.equal(await api.grows(), 'ok');
    api.script.plan(refused());
    await outcome(api.grows());
    assert.equal(breakers()[0]?.halfOpenAt, 8000, 'after closing, the first opening waits 1000 ms again');
    assert.deepEqual(
      changes.map(({ to }) => to),
      ['open', 'half-open', 'open', 'half-open', 'open', 'half-open', 'closed', 'open'],
    );
  });

  it('lets exactly halfOpenProbes calls through, refuses the rest, closes when all succeed', async () => {
    const api = new Api(new Script().plan(refused()));
    await outcome(api.gated(Promise.resolve()));
    await kit.clock.advance(1000);
    const gate = deferred();
    const probes = [api.gated(gate.promise), api.gated(gate.promise)];
    const extra = await outcome(api.gated(Promise.resolve()));
    assert.ok('error' in extra && extra.error instanceof BrokenCircuitError);
    assert.equal(extra.error.state, 'half-open');
    assert.equal(extra.error.halfOpenAt, 2000, 'if the probes hang, a new round starts one break later');
    gate.resolve();
    assert.deepEqual(await Promise.all(probes), ['ok', 'ok']);
    assert.equal(breakers()[0]?.state, 'closed');
  });

  it('a hung probe does not wedge the circuit, and its late failure is ignored', async () => {
    const api = new Api(new Script().plan(refused()));
    await outcome(api.gated(Promise.resolve()));
    await kit.clock.advance(1000);
    const hung = deferred();
    const first = outcome(api.gated(hung.promise));
    const second = outcome(api.gated(hung.promise));
    await kit.clock.advance(1000);
    api.script.plan('ok', 'ok', refused(), refused());
    assert.equal(await api.gated(Promise.resolve()), 'ok');
    assert.equal(await api.gated(Promise.resolve()), 'ok');
    assert.equal(breakers()[0]?.state, 'closed');
    hung.resolve();
    await first;
    await second;
    assert.equal(breakers()[0]?.state, 'closed', 'failures of a round given up on are ignored');
  });

  it('a success of a call admitted before the circuit opened does not count as a probe', async () => {
    const api = new Api(new Script().plan(refused(), 'ok', 'ok'));
    const hung = deferred();
    const stale = api.gated(hung.promise);
    await outcome(api.gated(Promise.resolve()));
    assert.equal(breakers()[0]?.state, 'open');
    await kit.clock.advance(1000);
    assert.equal(await api.gated(Promise.resolve()), 'ok');
    assert.equal(breakers()[0]?.state, 'half-open', 'one probe of two succeeded');
    hung.resolve();
    assert.equal(await stale, 'ok');
    assert.equal(breakers()[0]?.state, 'half-open', 'the call admitted while closed is not the second probe');
    assert.equal(kit.logs.events('circuit.closed').length, 0);
  });

  it('the onStateChange option hears its own circuit', async () => {
    const api = new Api(new Script().plan(refused()));
    await outcome(api.watched());
    await kit.clock.advance(1000);
    await api.watched();
    assert.deepEqual(heard, ['closed→open', 'open→half-open', 'half-open→closed']);
  });

  it('a halfOpenAfter backoff that returns no wait > 0 is a ConfigError, with the failure as cause', async () => {
    const failure = refused();
    const api = new Api(new Script().plan(failure));
    await assert.rejects(api.zeroBreak(), (error: unknown) =>
      error instanceof ConfigError &&
      /@CircuitBreaker on Api\.zeroBreak: `halfOpenAfter` returned 0/.test(error.message) &&
      error.cause === failure,
    );
  });

  it('a listener that throws changes nothing', async () => {
    onCircuitStateChange(() => {
      throw new Error('listener bug');
    });
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    for (let i = 0; i < 3; i++) await assert.rejects(api.get(), { code: 'ECONNREFUSED' });
    await assert.rejects(api.get(), BrokenCircuitError);
  });
});
