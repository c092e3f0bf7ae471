import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catch, CircuitBreaker, currentCall, fixed, Logged, Retry } from 'mendkit';
import { systemError } from './support/failing';
import { useTestKit } from './support/useTestKit';

/**
 * A call through stages that read no call to begin or succeed (`@Retry`, `@Catch`, `@Heal`, a
 * breaker without `key`) starts without its `Call`, which is made only when the attempt fails, a
 * stage asks for a re-run or the method asks for its context. These are the moments it is made
 * late: each must see the same call as one made at once would.
 */
describe('a call begun without its Call', () => {
  const kit = useTestKit({ autoAdvance: true });

  it('keeps the context the method read at its start across a failure: same id, next attempt', async () => {
    const seen: Array<{ id: string; attempt: number }> = [];
    class Feed {
      @Retry({ attempts: 3, backoff: fixed(10) })
      async pull() {
        const call = currentCall();
        seen.push({ id: call.correlationId, attempt: call.attempt });
        await Promise.resolve();
        if (seen.length < 3) throw systemError('ECONNRESET');
        return 'rows';
      }
    }
    assert.equal(await new Feed().pull(), 'rows');
    assert.deepEqual(
      seen.map((s) => s.attempt),
      [1, 2, 3],
    );
    assert.equal(new Set(seen.map((s) => s.id)).size, 1);
    assert.equal(kit.logs.events('retry.scheduled').length, 2);
  });

  it('runs undo steps registered at the start of a call that succeeds, before it settles', async () => {
    const order: string[] = [];
    class Export {
      @Retry()
      async write() {
        currentCall().onCleanup(() => void order.push('undo'), { always: true });
        await Promise.resolve();
        order.push('body');
        return 'done';
      }
    }
    const settled = new Export().write().then((result) => order.push(`settled ${result}`));
    await settled;
    assert.deepEqual(order, ['body', 'undo', 'settled done']);
  });

  it('passes a synchronous throw through the stages like a rejection', async () => {
    let calls = 0;
    class Parser {
      @Catch('EINVAL', () => 'fallback')
      @Retry({ attempts: 2, backoff: fixed(5) })
      parse(): Promise<string> {
        calls += 1;
        throw systemError(calls === 1 ? 'ECONNRESET' : 'EINVAL');
      }
    }
    assert.equal(await new Parser().parse(), 'fallback');
    assert.equal(calls, 2);
  });

  it('re-runs on a result `retryIf` rejects, with the attempts counted from the first', async () => {
    const attempts: number[] = [];
    class Poll {
      @Retry({ attempts: 3, backoff: fixed(5), retryIf: (status: unknown) => status === 'pending' })
      async status() {
        attempts.push(currentCall().attempt);
        return attempts.length < 3 ? 'pending' : 'ready';
      }
    }
    assert.equal(await new Poll().status(), 'ready');
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it("made after an await inside a @Logged call, shares that call's correlation id", async () => {
    let fails = 1;
    class Store {
      @Retry({ attempts: 2, backoff: fixed(5) })
      async save() {
        await Promise.resolve();
        if (fails-- > 0) throw systemError('ECONNRESET');
        return 'saved';
      }
    }
    class Sync {
      @Logged()
      async run() {
        await new Promise((resolve) => setImmediate(resolve));
        return new Store().save();
      }
    }
    assert.equal(await new Sync().run(), 'saved');
    const [start] = kit.logs.events('call.success');
    const [scheduled] = kit.logs.events('retry.scheduled');
    assert.ok(start?.correlationId !== undefined);
    assert.equal(scheduled?.correlationId, start.correlationId);
  });

  it('started inside another call that began without its Call, nests in it', async () => {
    class Inner {
      @Retry()
      async run() {
        return currentCall().correlationId;
      }
    }
    class Outer {
      @Retry()
      async run() {
        const inner = new Inner().run();
        return [currentCall().correlationId, await inner];
      }
    }
    const [outer, inner] = await new Outer().run();
    assert.equal(inner, outer);
  });

  it('counts in its circuit: a breaker without `key` admits, records and refuses without a Call', async () => {
    let calls = 0;
    class Gateway {
      @CircuitBreaker({ consecutive: 2, halfOpenAfter: 60_000 })
      async send() {
        calls += 1;
        throw systemError('ECONNREFUSED');
      }
    }
    const gateway = new Gateway();
    for (let i = 0; i < 2; i++) await assert.rejects(gateway.send(), { code: 'ECONNREFUSED' });
    await assert.rejects(gateway.send(), { name: 'BrokenCircuitError' });
    assert.equal(calls, 2);
  });
});
