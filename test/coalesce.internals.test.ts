import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestKit } from 'mendkit/testing';
import { Call } from '../src/call/Call';
import { argumentsKey } from '../src/coalesce/argumentsKey';
import { Flight } from '../src/coalesce/Flight';
import { methodInfo } from './support/methodInfo';
import { deferred } from './support/scripted';

describe('a shared execution', () => {
  it('passes what it reports (a heal) on to every caller still waiting, so a job run counts the heals that served it', async () => {
    const kit = createTestKit();
    try {
      const method = methodInfo(kit.logger, 'Config', 'load');
      const gate = deferred<string>();
      const flight = new Flight(new Call(method, undefined, []), () => gate.promise, () => undefined, () => undefined);
      const callers = [new Call(method, undefined, []), new Call(method, undefined, [])];
      const heard = [0, 0];
      callers.forEach((caller, i) => caller.listen(() => (heard[i]! += 1)));
      const results = callers.map((caller) => flight.join(caller));
      flight.shared.emit('heal.success');
      gate.resolve('loaded');
      assert.deepEqual(await Promise.all(results), ['loaded', 'loaded']);
      assert.deepEqual(heard, [1, 1]);
    } finally {
      kit.dispose();
    }
  });
});

describe('the default coalescing key', () => {
  const key = (...args: unknown[]) => argumentsKey('site', args);

  it('is equal exactly when the arguments are equal as data', () => {
    assert.equal(key({ a: 1, b: { c: [1, 2] } }), key({ b: { c: [1, 2] }, a: 1 }), 'key order does not matter');
    assert.equal(key(Object.assign(Object.create(null) as object, { a: 1 })), key({ a: 1 }));
    const different: [unknown[], unknown[]][] = [
      [[1], ['1']],
      [[{ a: undefined }], [{}]],
      [[undefined], []],
      [[0], [-0]],
      [[1n], [1]],
      [[null], ['null']],
      [[NaN], [null]],
      [[[1, 2]], [1, 2]],
      [['a,b'], ['a', 'b']],
      [[{ 'a":1,"b': 2 }], [{ a: 1, b: 2 }]],
      [[true], ['true']],
    ];
    for (const [left, right] of different) assert.notEqual(key(...left), key(...right), `${String(left)} vs ${String(right)}`);
  });
});
