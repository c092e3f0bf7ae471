import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptHooks, Verdict } from '../src/call/AttemptHooks';
import { AttemptLoop } from '../src/call/AttemptLoop';
import { Call } from '../src/call/Call';
import type { Invoker } from '../src/call/Invoker';
import { methodInfo } from './support/methodInfo';
import { useTestKit } from './support/useTestKit';

/** A stage that writes what it sees to `seen` and answers with what `answer` gives. */
function stage(name: string, seen: string[], answer: Partial<AttemptHooks> = {}): AttemptHooks {
  return {
    enter: (call) => {
      seen.push(`${name}.enter`);
      return answer.enter?.(call) ?? `${name}-state`;
    },
    succeeded: (call, state, result) => {
      seen.push(`${name}.succeeded(${String(state)}, ${String(result)})`);
      return answer.succeeded?.(call, state, result);
    },
    failed: (call, state, error) => {
      seen.push(`${name}.failed(${String(state)}, ${(error as Error).message})`);
      return answer.failed?.(call, state, error);
    },
  };
}

/** An inner link that fails with `fail-1`, `fail-2`… for its first `failures` calls, then returns `ok`. */
function flaky(failures: number, seen: string[]): Invoker {
  let calls = 0;
  return {
    invoke: () => {
      calls += 1;
      seen.push(`next#${calls}`);
      return calls <= failures ? Promise.reject(new Error(`fail-${calls}`)) : Promise.resolve('ok');
    },
  };
}

describe('an attempt loop', () => {
  const kit = useTestKit({ autoAdvance: true });
  const method = () => methodInfo(kit.logger, 'Exporter', 'run');
  const newCall = () => new Call(method(), undefined, []);
  const loop = (stages: AttemptHooks[], next: Invoker) => new AttemptLoop(stages, next, kit.clock, method());

  it('re-enters only the stages inside the one that asked for a re-run, whose own state carries over', async () => {
    const seen: string[] = [];
    let reruns = 0;
    const retry: Partial<AttemptHooks> = { failed: (): Verdict => (reruns++ === 0 ? { rerunAfter: 250, state: 'retry-after-1' } : undefined) };
    const call = newCall();
    const result = await loop([stage('outer', seen), stage('retry', seen, retry), stage('inner', seen)], flaky(1, seen)).invoke(call);
    assert.equal(result, 'ok');
    assert.deepEqual(seen, [
      'outer.enter',
      'retry.enter',
      'inner.enter',
      'next#1',
      'inner.failed(inner-state, fail-1)',
      'retry.failed(retry-state, fail-1)',
      'inner.enter',
      'next#2',
      'inner.succeeded(inner-state, ok)',
      'retry.succeeded(retry-after-1, ok)',
      'outer.succeeded(outer-state, ok)',
    ]);
    assert.deepEqual(kit.clock.sleeps, [250]);
    assert.equal(call.current.attempt, 2);
  });

  it('fails at a stage whose enter throws: that stage sees nothing, the stages outside it see the error', async () => {
    const seen: string[] = [];
    const refusing: Partial<AttemptHooks> = {
      enter: () => {
        throw new Error('circuit open');
      },
    };
    const run = loop([stage('outer', seen), stage('breaker', seen, refusing), stage('inner', seen)], flaky(0, seen));
    await assert.rejects(run.invoke(newCall()), /circuit open/);
    assert.deepEqual(seen, ['outer.enter', 'breaker.enter', 'outer.failed(outer-state, circuit open)']);
  });

  it('passes on the error a hook throws, and the result a hook recovers with (awaited), to the stages outside it', async () => {
    const seen: string[] = [];
    const replacing: Partial<AttemptHooks> = {
      failed: () => {
        throw new Error('exhausted');
      },
    };
    const recovering: Partial<AttemptHooks> = { failed: () => ({ recover: Promise.resolve('fallback') }) };
    const run = loop([stage('outer', seen), stage('catch', seen, recovering), stage('retry', seen, replacing)], flaky(1, seen));
    assert.equal(await run.invoke(newCall()), 'fallback');
    assert.deepEqual(seen.slice(-3), ['retry.failed(retry-state, fail-1)', 'catch.failed(catch-state, exhausted)', 'outer.succeeded(outer-state, fallback)']);
  });

  it('passes a re-run whose wait rejects on as that rejection, and runs the call\'s undo steps before it settles', async () => {
    const seen: string[] = [];
    const healing: Partial<AttemptHooks> = { failed: () => ({ rerunAfter: Promise.reject(new Error('heal failed')) }) };
    const call = newCall();
    const inner: Invoker = {
      invoke: (running) => {
        running.current.onCleanup(() => seen.push('undo'));
        return Promise.reject(new Error('ENOENT'));
      },
    };
    await assert.rejects(loop([stage('outer', seen), stage('heal', seen, healing)], inner).invoke(call), /heal failed/);
    assert.deepEqual(seen, ['outer.enter', 'heal.enter', 'heal.failed(heal-state, ENOENT)', 'outer.failed(outer-state, heal failed)', 'undo']);
  });

  it('settles every call as a native promise, refused at once, failed, re-run or recovered, with no rejection left unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const refusing: Partial<AttemptHooks> = {
        enter: () => {
          throw new Error('circuit open');
        },
      };
      let reruns = 0;
      const retrying: Partial<AttemptHooks> = { failed: (): Verdict => (reruns++ < 2 ? { rerunAfter: 0 } : undefined) };
      const recovering: Partial<AttemptHooks> = { failed: () => ({ recover: 'fallback' }) };
      const failing: Partial<AttemptHooks> = { failed: () => ({ recover: Promise.reject(new Error('fallback failed')) }) };
      const calls = [
        loop([stage('breaker', [], refusing)], flaky(0, [])).invoke(newCall()),
        loop([stage('retry', [], retrying)], flaky(2, [])).invoke(newCall()),
        loop([stage('retry', [], { failed: () => undefined })], flaky(5, [])).invoke(newCall()),
        loop([stage('catch', [], recovering)], flaky(1, [])).invoke(newCall()),
        loop([stage('catch', [], failing)], flaky(1, [])).invoke(newCall()),
      ];
      for (const call of calls) assert.ok(call instanceof Promise);
      const outcomes = await Promise.allSettled(calls);
      assert.deepEqual(
        outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message)),
        ['circuit open', 'ok', 'fail-1', 'fallback', 'fallback failed'],
      );
      // Unhandled rejections are reported once the microtask queue drains: let it.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('re-runs an attempt that throws synchronously 20,000 times at no wait without growing the stack', async () => {
    let attempts = 0;
    const throwing: Invoker = {
      invoke: () => {
        attempts += 1;
        if (attempts <= 20_000) throw new Error(`fail-${attempts}`);
        return Promise.resolve('ok');
      },
    };
    const retrying: Partial<AttemptHooks> = { failed: (): Verdict => ({ rerunAfter: 0 }) };
    assert.equal(await loop([stage('retry', [], retrying)], throwing).invoke(newCall()), 'ok');
    assert.equal(attempts, 20_001);
  });
});
