import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakers, CircuitBreaker } from 'mendkit';
import { outcome, refused, Script } from './support/scripted';
import { useTestKit } from './support/useTestKit';

class Api {
  constructor(readonly script: Script) {}

  @CircuitBreaker({ ratio: 0.75, window: { calls: 4 } })
  async byCount(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ ratio: 0.5, window: { ms: 10_000 }, minimumCalls: 4 })
  async byTime(): Promise<string> {
    return this.script.run();
  }

  @CircuitBreaker({ ratio: 0.5, minimumCalls: 10 })
  async quiet(): Promise<string> {
    return this.script.run();
  }
}

const ok = 'ok' as const;

async function callAll(count: number, call: () => Promise<string>): Promise<void> {
  for (let i = 0; i < count; i++) await outcome(call());
}

describe('@CircuitBreaker failure ratio over a rolling window', () => {
  const kit = useTestKit({ now: 0 });

  it('by count: the window slides; opens when 3 of the last 4 calls failed', async () => {
    const api = new Api(new Script().plan(ok, ok, ok, refused(), refused()));
    await callAll(5, () => api.byCount());
    assert.equal(breakers()[0]?.state, 'closed', 'last 4: ok ok fail fail (3 failures of 6 overall would be 50%)');
    api.script.plan(refused());
    await callAll(1, () => api.byCount());
    assert.equal(breakers()[0]?.state, 'open', 'last 4: ok fail fail fail');
  });

  it('by count: needs a full window before it may open (minimumCalls defaults to window.calls)', async () => {
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    await callAll(3, () => api.byCount());
    assert.equal(breakers()[0]?.state, 'closed');
    assert.equal(breakers()[0]?.failures, 3);
  });

  it('by time: failures older than the window no longer count', async () => {
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    await callAll(3, () => api.byTime());
    await kit.clock.advance(10_000);
    api.script.plan(ok, ok, ok, refused());
    await callAll(4, () => api.byTime());
    assert.equal(breakers()[0]?.state, 'closed', '1 failure in 4 calls within the window');
    api.script.plan(refused());
    await callAll(1, () => api.byTime());
    assert.equal(breakers()[0]?.state, 'closed', '2 of 5');
    api.script.plan(refused());
    await callAll(1, () => api.byTime());
    assert.equal(breakers()[0]?.state, 'open', '3 of 6');
  });

  it('by time: an outcome counts until the window has passed it, to the bucket', async () => {
    const api = new Api(new Script().plan(refused(), refused(), refused()));
    await callAll(3, () => api.byTime());
    await kit.clock.advance(9_999);
    api.script.plan(refused());
    await callAll(1, () => api.byTime());
    assert.equal(breakers()[0]?.state, 'open', 'at 9 999 ms the 3 failures still count: 4 of 4');
  });

  it('under the minimum number of calls it never opens, whatever the ratio', async () => {
    const api = new Api(new Script().plan(...Array.from({ length: 9 }, refused)));
    await callAll(9, () => api.quiet());
    assert.equal(breakers()[0]?.state, 'closed');
    api.script.plan(refused());
    await callAll(1, () => api.quiet());
    assert.equal(breakers()[0]?.state, 'open');
  });
});
