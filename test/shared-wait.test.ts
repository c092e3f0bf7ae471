import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedWait } from '../src/clock/sharedWait';

describe('RealClock waits without a signal', () => {
  it('share one promise when they end in the same millisecond, and resolve in the order they end', async () => {
    let same: [Promise<void>, Promise<void>] | undefined;
    // Two waits made within one millisecond (tried again if the clock ticked between them).
    while (same === undefined) {
      const at = Date.now();
      const pair: [Promise<void>, Promise<void>] = [sharedWait(5), sharedWait(5)];
      if (Date.now() === at) same = pair;
    }
    assert.equal(same[0], same[1]);
    const order: string[] = [];
    const later = sharedWait(40).then(() => order.push('40 ms'));
    assert.notEqual(sharedWait(40), same[0]);
    await Promise.all([same[0].then(() => order.push('5 ms')), later]);
    assert.deepEqual(order, ['5 ms', '40 ms']);
  });
});
