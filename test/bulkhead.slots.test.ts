import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bulkhead as Slots } from '../src/bulkhead/Bulkhead';
import { outcome } from './support/scripted';

describe('Bulkhead slots', () => {
  it('a waiting call leaves the queue when its signal aborts; the freed slot goes to the next waiter', async () => {
    const slots = new Slots(1, 2, 'Test.method', undefined);
    assert.equal(slots.tryAcquire(), true);
    const leaving = new AbortController();
    const waiting = outcome(slots.waitForSlot(leaving.signal));
    const next = slots.waitForSlot(new AbortController().signal);
    leaving.abort(new Error('caller gave up'));
    const left = await waiting;
    assert.ok('error' in left && (left.error as Error).message === 'caller gave up');
    assert.equal(slots.canQueue, true, 'the aborted call no longer takes a queue place');
    slots.release();
    await next;
    assert.equal(slots.tryAcquire(), false, 'the slot went to the waiter, not to a newcomer');
  });

  it('an already aborted signal never joins the queue', async () => {
    const slots = new Slots(1, 1, 'Test.method', undefined);
    slots.tryAcquire();
    await assert.rejects(slots.waitForSlot(AbortSignal.abort(new Error('gone'))), /gone/);
    assert.equal(slots.canQueue, true);
  });
});
