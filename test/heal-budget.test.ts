import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Heal, type Healer } from 'mendkit';
import { useTestKit } from './support/useTestKit';

/** A heal that "works" but never fixes anything: the loop the budget is there to stop. */
class UselessHeal implements Healer {
  heals = 0;
  matches(error: unknown): boolean {
    return (error as { code?: string }).code === 'ESTUCK';
  }
  async heal(): Promise<void> {
    this.heals++;
  }
}

const stuck = () => Object.assign(new Error('still stuck'), { code: 'ESTUCK' });

class Job {
  @Heal(UselessHeal, { budget: { heals: 3, perMs: 1000 } })
  async run(): Promise<void> {
    throw stuck();
  }

  @Heal(UselessHeal, { budget: { heals: 3, perMs: 1000 } })
  async runElsewhere(): Promise<void> {
    throw stuck();
  }
}

describe('@Heal budget across calls', () => {
  const kit = useTestKit();
  let healer: UselessHeal;
  const job = new Job();

  beforeEach(() => {
    healer = new UselessHeal();
    kit.container.register(UselessHeal, { useValue: healer });
  });

  async function failures(count: number, run: () => Promise<void> = () => job.run()): Promise<void> {
    for (let i = 0; i < count; i++) await assert.rejects(run(), { code: 'ESTUCK' });
  }

  it('stops healing once the budget is spent, logs it once, and lets the error through', async () => {
    await failures(6);
    assert.equal(healer.heals, 3);
    const spent = kit.logs.events('heal.budgetSpent');
    assert.equal(spent.length, 1);
    assert.equal(spent[0]?.level, 'warn');
    assert.equal(spent[0]?.healer, 'UselessHeal');
  });

  it('is a sliding window: heals again once old heals leave it, and logs the next refusal again', async () => {
    await failures(4);
    await kit.clock.advance(999);
    await failures(1);
    assert.equal(healer.heals, 3, 'still inside the window');
    await kit.clock.advance(1);
    await failures(4);
    assert.equal(healer.heals, 6);
    assert.equal(kit.logs.events('heal.budgetSpent').length, 2);
  });

  it('is shared by every method that uses the same healer in the container', async () => {
    await failures(2);
    await failures(2, () => job.runElsewhere());
    assert.equal(healer.heals, 3);
  });
});
