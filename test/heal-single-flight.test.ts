import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import { Heal, type Healer } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { FixEpoch } from '../src/call/FixEpoch';
import { SingleFlight } from '../src/heal/SingleFlight';

/** A shared resource whose outage a healer repairs. */
class Resource {
  up = false;
  repairs = 0;
  /** The repairs that are running; a test decides when they finish. */
  private readonly running: (() => void)[] = [];

  repair(): Promise<void> {
    this.repairs++;
    return new Promise<void>((resolve) => this.running.push(resolve)).then(() => {
      this.up = true;
    });
  }

  finishRepairs(): void {
    for (const finish of this.running.splice(0)) finish();
  }
}

function outage(key: string): Error {
  return Object.assign(new Error(`resource ${key} is down`), { code: 'EDOWN', key });
}

@injectable()
class Repair implements Healer {
  constructor(private readonly resource: Resource) {}
  matches(error: unknown): boolean {
    return (error as { code?: string }).code === 'EDOWN';
  }
  heal(): Promise<void> {
    return this.resource.repair();
  }
  flightKey(error: unknown): unknown {
    return (error as { key?: string }).key;
  }
}

@injectable()
class UnkeyedRepair extends Repair {
  override flightKey(): unknown {
    return undefined;
  }
}

@injectable()
class Client {
  constructor(private readonly resource: Resource) {}

  @Heal(Repair)
  async use(key = 'db'): Promise<string> {
    if (!this.resource.up) throw outage(key);
    return 'ok';
  }

  /** Like a request sent with the state of its start, whose answer arrives after `gate`. */
  @Heal(Repair)
  async useGated(gate: Promise<void>): Promise<string> {
    const wasUp = this.resource.up;
    await gate;
    if (!wasUp) throw outage('db');
    return 'ok';
  }

  @Heal(UnkeyedRepair)
  async useUnkeyed(): Promise<string> {
    if (!this.resource.up) throw outage('db');
    return 'ok';
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('@Heal single flight', () => {
  let kit: TestKit;
  let resource: Resource;
  let client: Client;

  beforeEach(() => {
    kit = createTestKit();
    resource = new Resource();
    kit.container.register(Resource, { useValue: resource });
    client = kit.container.resolve(Client);
  });
  afterEach(() => kit.dispose());

  it('concurrent calls that fail for the same cause share one heal', async () => {
    const calls = Array.from({ length: 10 }, () => client.use());
    await settle();
    resource.finishRepairs();
    assert.deepEqual(await Promise.all(calls), Array(10).fill('ok'));
    assert.equal(resource.repairs, 1);
    const starts = kit.logs.events('heal.start');
    assert.equal(starts.filter((line) => line.joined === false).length, 1);
    assert.equal(starts.filter((line) => line.joined === true).length, 9);
  });

  it('different causes are healed separately', async () => {
    const calls = [client.use('a'), client.use('b'), client.use('a')];
    await settle();
    assert.equal(resource.repairs, 2);
    resource.finishRepairs();
    assert.deepEqual(await Promise.all(calls), ['ok', 'ok', 'ok']);
  });

  it('a call whose attempt started before the heal finished re-runs without healing again', async () => {
    let answerLate!: () => void;
    const late = client.useGated(new Promise<void>((resolve) => (answerLate = resolve)));
    const early = client.useGated(Promise.resolve());
    await settle();
    resource.finishRepairs();
    assert.equal(await early, 'ok');
    answerLate();
    assert.equal(await late, 'ok');
    assert.equal(resource.repairs, 1);
    assert.equal(kit.logs.events('heal.success').filter((line) => line.joined === true).length, 1);
  });

  it('a failure after the heal, from an attempt that started after it, heals again', async () => {
    const first = client.use();
    await settle();
    resource.finishRepairs();
    await first;
    resource.up = false;
    const second = client.use();
    await settle();
    resource.finishRepairs();
    assert.equal(await second, 'ok');
    assert.equal(resource.repairs, 2);
  });

  it('without a flight key, every call heals on its own', async () => {
    const calls = [client.useUnkeyed(), client.useUnkeyed()];
    await settle();
    assert.equal(resource.repairs, 2);
    resource.finishRepairs();
    assert.deepEqual(await Promise.all(calls), ['ok', 'ok']);
  });
});

describe('SingleFlight memory', () => {
  it('remembers a bounded number of healed causes per healer, forgetting the oldest', async () => {
    const flights = new SingleFlight(new FixEpoch());
    const healer = {};
    const mark = flights.mark();
    for (let key = 0; key <= SingleFlight.REMEMBERED; key++) await flights.start(healer, key, async () => undefined);
    assert.equal(flights.healedSince(healer, 0, mark), false);
    assert.equal(flights.healedSince(healer, 1, mark), true);
    assert.equal(flights.healedSince(healer, SingleFlight.REMEMBERED, mark), true);
  });
});
