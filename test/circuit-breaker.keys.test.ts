import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, breakers, CircuitBreaker, ConfigError } from 'mendkit';
import { outcome, refused, Script } from './support/scripted';
import { useTestKit } from './support/useTestKit';

class Tenants {
  constructor(readonly script: Script) {}

  @CircuitBreaker({ consecutive: 2, halfOpenAfter: 5000, key: (tenant: string) => tenant })
  async fetch(tenant: string): Promise<string> {
    return `${tenant}:${await this.script.run()}`;
  }

  @CircuitBreaker({ consecutive: 1, key: () => 42 as unknown as string })
  async badKey(): Promise<string> {
    return this.script.run();
  }
}

describe('@CircuitBreaker per key and per container', () => {
  const kit = useTestKit();

  it('one circuit per key: tenant a opens, tenant b goes on', async () => {
    const tenants = new Tenants(new Script().plan(refused(), refused()));
    await outcome(tenants.fetch('a'));
    await outcome(tenants.fetch('a'));
    await assert.rejects(tenants.fetch('a'), (error: unknown) => error instanceof BrokenCircuitError && error.key === 'a');
    assert.equal(await tenants.fetch('b'), 'b:ok');
    assert.deepEqual(breakers(), [
      { name: 'Tenants.fetch', key: 'a', state: 'open', failures: 2, halfOpenAt: 5000 },
      { name: 'Tenants.fetch', key: 'b', state: 'closed', failures: 0 },
    ]);
    assert.equal(kit.logs.events('circuit.open')[0]?.key, 'a');
  });

  it('a key function that returns no string is a ConfigError naming the method', async () => {
    await assert.rejects(new Tenants(new Script()).badKey(), (error: unknown) =>
      error instanceof ConfigError && /@CircuitBreaker on Tenants\.badKey: the `key` function returned 42/.test(error.message),
    );
  });

  it('circuits live in the container: a new test kit starts with every circuit closed', async () => {
    const tenants = new Tenants(new Script().plan(refused(), refused()));
    await outcome(tenants.fetch('a'));
    await outcome(tenants.fetch('a'));
    assert.equal(breakers()[0]?.state, 'open');
    const first = kit.container;

    kit.reset();
    assert.deepEqual(breakers(), []);
    assert.equal(await tenants.fetch('a'), 'a:ok');
    assert.deepEqual(breakers(first)[0]?.state, 'open', 'the first container keeps its own');
  });
});
