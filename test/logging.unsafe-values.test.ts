import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logEvent } from '../src/call/logEvent';
import { MAX_ITEMS, MAX_STRING_LENGTH, Redactor } from '../src/logging/Redactor';
import { createTestKit } from '../src/testing/createTestKit';
import { methodInfo } from './support/methodInfo';

describe('values that cannot be serialised as they are', () => {
  const redactor = new Redactor();

  it('marks a circular reference', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    node.list = [node];
    assert.deepEqual(redactor.clean(node), { name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('repeats a shared (not circular) object in full', () => {
    const shared = { id: 1 };
    assert.deepEqual(redactor.clean({ a: shared, b: shared }), { a: { id: 1 }, b: { id: 1 } });
  });

  it('writes a BigInt, a symbol, a function and NaN as JSON-safe values, and leaves undefined out as JSON does', () => {
    assert.deepEqual(redactor.clean({ big: 2n ** 70n, sym: Symbol('s'), fn: function load() {}, nan: NaN, none: undefined }), {
      big: '1180591620717411303424n',
      sym: 'Symbol(s)',
      fn: '[Function load]',
      nan: 'NaN',
    });
    assert.deepEqual(redactor.clean([undefined, 1]), [null, 1]);
  });

  it('describes a 50 MB Buffer by its size without copying it, at once', () => {
    const buffer = Buffer.alloc(50 * 1024 * 1024);
    const started = performance.now();
    assert.equal(redactor.fields({ body: buffer }).body, `<Buffer ${50 * 1024 * 1024} bytes>`);
    assert.ok(performance.now() - started < 50);
    assert.equal(redactor.clean(new Uint8Array(3)), '<Buffer 3 bytes>');
  });

  it('cuts long strings and says how long they were', () => {
    const out = redactor.clean('x'.repeat(1_000_000)) as string;
    assert.equal(out.length < MAX_STRING_LENGTH + 50, true);
    assert.match(out, /… \[truncated, 1000000 chars\]$/);
    const straddling = redactor.clean(`${'x'.repeat(MAX_STRING_LENGTH - 25)} https://app:hunter2-secret-value@db/x`) as string;
    assert.doesNotMatch(straddling, /hunter2/);
  });

  it('replaces a throwing getter with what it threw', () => {
    const value = { ok: 1, get broken(): number { throw new Error('getter exploded'); } };
    assert.deepEqual(redactor.clean(value), { ok: 1, broken: '[Thrown: getter exploded]' });
  });

  it('bounds huge arrays and objects', () => {
    const out = redactor.clean(Array.from({ length: 1000 }, (_, i) => i)) as unknown[];
    assert.equal(out.length, MAX_ITEMS + 1);
    assert.equal(out[MAX_ITEMS], `… ${1000 - MAX_ITEMS} more items`);
  });

  it('survives a Proxy that throws on every operation', () => {
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    assert.equal(redactor.clean(proxy), '[Unserialisable: trap]');
  });

  it('never throws into the caller, even when the logger itself throws', () => {
    const kit = createTestKit();
    try {
      const info = methodInfo(kit.logger);
      const node: Record<string, unknown> = {};
      node.self = node;
      logEvent(info, 'info', 'test.unsafe', 'hostile', { node, big: 1n, buffer: Buffer.alloc(10) });
      assert.deepEqual(kit.logs.json()[0]?.node, { self: '[Circular]' });
      const broken = { ...info, logger: Object.assign(Object.create(kit.logger) as typeof kit.logger, { log: () => { throw new Error('transport down'); } }) };
      assert.doesNotThrow(() => logEvent(broken, 'info', 'test.unsafe', 'x'));
    } finally {
      kit.dispose();
    }
  });
});
