import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import { Heal, type Healer, Job, Retry, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

/** The broken thing a heal fixes; `breaks` says how many more calls find it broken. */
const state = { breaks: 0, fixes: 0 };

@injectable()
class FixIt implements Healer {
  matches(error: unknown): boolean {
    return (error as { code?: unknown }).code === 'EBROKEN';
  }

  async heal(): Promise<void> {
    state.fixes += 1;
  }
}

describe('the run history counts heals', () => {
  useTestKit({ autoAdvance: true });
  beforeEach(() => {
    state.breaks = 0;
    state.fixes = 0;
  });

  it('records the heals that re-ran a run beside @Retry\'s attempts (re-runs after heals not counted there); a run without heals records 0', async () => {
    @Job({ name: 'healed', every: '1h' })
    class Healed {
      @Retry({ attempts: 3 })
      @Heal(FixIt, { maxHeals: 2 })
      async run(): Promise<void> {
        if (state.breaks > 0) {
          state.breaks -= 1;
          throw Object.assign(new Error('broken'), { code: 'EBROKEN' });
        }
      }
    }
    const history = new MemoryRunHistory();
    const scheduler = new Scheduler({ jobs: [Healed], history });
    state.breaks = 2;
    await scheduler.runNow('healed');
    await scheduler.runNow('healed');
    assert.equal(state.fixes, 2);
    assert.deepEqual(
      history.records.map((r) => [r.outcome, r.attempts, r.heals]),
      [['succeeded', 1, 2], ['succeeded', 1, 0]],
    );
  });
});
