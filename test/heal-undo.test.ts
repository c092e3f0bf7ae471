import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import { currentCall, Heal, type HealContext, type Healer } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';

function coded(code: string, path = '/srv/a'): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code, syscall: 'open', path });
}

/** Where the method sends its requests; the healer fails over to the secondary, with an undo. */
class Endpoints {
  active = 'primary';
  /** What each attempt throws, in turn; undefined means success. */
  script: (Error | undefined)[] = [];
  log: string[] = [];
}

@injectable()
class FailOver implements Healer {
  constructor(private readonly endpoints: Endpoints) {}
  matches(error: unknown): boolean {
    return (error as { code?: string }).code === 'ECONNREFUSED';
  }
  async heal(_error: unknown, context: HealContext): Promise<void> {
    const previous = this.endpoints.active;
    this.endpoints.active = 'secondary';
    context.onUndo(() => {
      this.endpoints.log.push(`undo: back to ${previous}`);
      this.endpoints.active = previous;
    });
  }
}

@injectable()
class Client {
  constructor(private readonly endpoints: Endpoints) {}

  @Heal(FailOver)
  async fetch(): Promise<string> {
    const { endpoints } = this;
    const { attempt } = currentCall();
    currentCall().onCleanup(() => endpoints.log.push(`cleanup of attempt ${attempt}`));
    const failure = endpoints.script.shift();
    if (failure !== undefined) throw failure;
    return endpoints.active;
  }

  @Heal(FailOver, { maxHeals: 2 })
  async fetchTwice(): Promise<string> {
    const failure = this.endpoints.script.shift();
    if (failure !== undefined) throw failure;
    return this.endpoints.active;
  }
}

describe('a heal that did not help leaves no trace', () => {
  let kit: TestKit;
  let endpoints: Endpoints;
  let client: Client;

  beforeEach(() => {
    kit = createTestKit();
    endpoints = new Endpoints();
    kit.container.registerInstance(Endpoints, endpoints);
    client = kit.container.resolve(Client);
  });
  afterEach(() => kit.dispose());

  it('the re-run fails the same way: the undo steps run, after the re-run’s own cleanup, before the error reaches the caller', async () => {
    endpoints.script = [coded('ECONNREFUSED'), coded('ECONNREFUSED')];
    await assert.rejects(client.fetch(), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'ECONNREFUSED');
      assert.equal(endpoints.active, 'primary', 'already undone when the caller sees the error');
      return true;
    });
    assert.deepEqual(endpoints.log, ['cleanup of attempt 1', 'cleanup of attempt 2', 'undo: back to primary']);
    const [unhelped] = kit.logs.events('heal.unhelped');
    assert.equal(unhelped?.healer, 'FailOver');
    assert.equal(unhelped?.undone, 1);
    assert.match(String(unhelped?.message), /FailOver did not help Client\.fetch: the re-run failed the same way \(ECONNREFUSED\); undoing its 1 change/);
  });

  it('a heal that did not help is undone before the next heal, never after it', async () => {
    endpoints.script = [coded('ECONNREFUSED'), coded('ECONNREFUSED')];
    assert.equal(await client.fetchTwice(), 'secondary', 'the second heal’s failover stands');
    assert.deepEqual(endpoints.log, ['undo: back to primary']);
  });

  it('the re-run fails differently: the heal helped with that cause, nothing is undone', async () => {
    endpoints.script = [coded('ECONNREFUSED'), coded('EACCES')];
    await assert.rejects(client.fetch(), { code: 'EACCES' });
    assert.equal(endpoints.active, 'secondary');
    assert.equal(kit.logs.events('heal.unhelped').length, 0);
  });

  it('the same code on another path is another failure: nothing is undone', async () => {
    endpoints.script = [coded('ECONNREFUSED', '/srv/a'), coded('ECONNREFUSED', '/srv/b')];
    await assert.rejects(client.fetch(), { code: 'ECONNREFUSED', path: '/srv/b' });
    assert.equal(endpoints.active, 'secondary');
  });

  it('the re-run succeeds: nothing is undone', async () => {
    endpoints.script = [coded('ECONNREFUSED')];
    assert.equal(await client.fetch(), 'secondary');
    assert.equal(endpoints.active, 'secondary');
    assert.deepEqual(endpoints.log, ['cleanup of attempt 1']);
  });
});
