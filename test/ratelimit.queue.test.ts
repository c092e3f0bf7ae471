import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from 'mendkit/testing';
import { SlidingWindow } from '../src/ratelimit/SlidingWindow';
import { SlotQueue } from '../src/ratelimit/SlotQueue';
import { outcome } from './support/scripted';

const IDENTITY = { name: 'Test.call', key: undefined, limit: 1, perMs: 1000, shared: false };

describe('SlotQueue', () => {
  it('a waiting call leaves the queue when its signal aborts; the next slot goes to the next waiter', async () => {
    const clock = new FakeClock();
    const window = new SlidingWindow(1, 1000);
    const queue = new SlotQueue(() => window.take(clock.now()), clock, IDENTITY);
    const refuse = (wait: number) => new Error(`refused ${wait}`);
    await queue.acquire(new AbortController().signal, undefined, refuse);
    const leaving = new AbortController();
    const left = outcome(queue.acquire(leaving.signal, undefined, refuse));
    const next = outcome(queue.acquire(new AbortController().signal, undefined, refuse));
    const reason = new Error('gone');
    leaving.abort(reason);
    assert.deepEqual(await left, { error: reason });
    await clock.advance(1000);
    assert.deepEqual(await next, { value: undefined });
    await assert.rejects(queue.acquire(AbortSignal.abort(new Error('already')), undefined, refuse), /already/);
  });

  it('maxWait 0 refuses at once with the wait to the next slot', async () => {
    const clock = new FakeClock();
    const window = new SlidingWindow(1, 1000);
    const queue = new SlotQueue(() => window.take(clock.now()), clock, IDENTITY);
    const refuse = (wait: number) => new Error(`refused ${wait}`);
    await queue.acquire(new AbortController().signal, 0, refuse);
    await clock.advance(10);
    await assert.rejects(queue.acquire(new AbortController().signal, 0, refuse), /refused 990/);
  });
});
