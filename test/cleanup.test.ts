import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Catch, Cleanup, type CallContext, ConfigError, currentCall, fixed, Retry } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { systemError } from './support/failing';

describe('cleanup steps', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it('run newest first when the call finally fails, and between retried attempts before the next one', async () => {
    const log: string[] = [];
    class Export {
      @Retry({ attempts: 2, backoff: fixed(10) })
      async run() {
        const call = currentCall();
        log.push(`attempt ${call.attempt} starts`);
        call.onCleanup(() => log.push(`remove temp ${call.attempt}`));
        call.onCleanup(() => log.push(`reset flag ${call.attempt}`));
        await Promise.resolve();
        throw systemError('ECONNRESET');
      }
    }
    await assert.rejects(new Export().run(), { name: 'RetryExhaustedError' });
    assert.deepEqual(log, [
      'attempt 1 starts',
      'reset flag 1',
      'remove temp 1',
      'attempt 2 starts',
      'reset flag 2',
      'remove temp 2',
    ]);
  });

  it('on success run only the steps marked always', async () => {
    const log: string[] = [];
    class Export {
      @Retry()
      async run() {
        const call = currentCall();
        call.onCleanup(() => log.push('undo the upload'));
        call.onCleanup(() => log.push('close the tunnel'), { always: true });
        return 'done';
      }
    }
    assert.equal(await new Export().run(), 'done');
    assert.deepEqual(log, ['close the tunnel']);
  });

  it('run before the call settles, and waits for async steps', async () => {
    const log: string[] = [];
    class Export {
      @Retry({ attempts: 1 })
      async run() {
        currentCall().onCleanup(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          log.push('slow step done');
        });
        throw systemError('EACCES');
      }
    }
    await assert.rejects(new Export().run(), { code: 'EACCES' });
    assert.deepEqual(log, ['slow step done']);
  });

  it('treat a call a @Catch turned into a result as a success', async () => {
    const log: string[] = [];
    class Export {
      @Catch('EACCES', () => 'skipped')
      async run() {
        const call = currentCall();
        call.onCleanup(() => log.push('undo'));
        call.onCleanup(() => log.push('always'), { always: true });
        throw systemError('EACCES');
      }
    }
    assert.equal(await new Export().run(), 'skipped');
    assert.deepEqual(log, ['always']);
  });

  it('log a throwing step, run the others, and keep the original error', async () => {
    const log: string[] = [];
    const failure = systemError('ENOSPC');
    class Export {
      @Retry({ attempts: 1 })
      async run() {
        const call = currentCall();
        call.onCleanup(() => log.push('first registered'));
        call.onCleanup(() => {
          throw new Error('rm failed');
        });
        throw failure;
      }
    }
    await assert.rejects(new Export().run(), (error) => error === failure);
    assert.deepEqual(log, ['first registered']);
    const [line] = kit.logs.events('cleanup.failure');
    assert.equal(line?.level, 'error');
    assert.equal(line?.component, 'Export.run');
    assert.match(String(line?.message), /a cleanup step failed .*rm failed/);
  });

  it('refuse a step registered after the call ended', async () => {
    let held: CallContext | undefined;
    class Export {
      @Retry()
      async run() {
        held = currentCall();
      }
    }
    await new Export().run();
    assert.throws(() => held!.onCleanup(() => undefined), /Export\.run: onCleanup\(\) after the call ended/);
    assert.throws(() => currentCall().onCleanup(() => undefined), { name: 'ConfigError', message: /outside a decorated method/ });
  });
});

describe('@Cleanup', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
  });
  afterEach(() => kit.dispose());

  it('calls the named method with the call arguments when an attempt fails', async () => {
    const log: string[] = [];
    class Rotation {
      @Retry({ attempts: 2, backoff: fixed(1) })
      @Cleanup('releaseLock')
      @Cleanup('report', { always: true })
      async rotate(path: string) {
        log.push(`rotate ${path}`);
        throw systemError('EBUSY');
      }
      releaseLock(path: string) {
        log.push(`release ${path}.lock`);
      }
      report(path: string) {
        log.push(`report ${path}`);
      }
    }
    await assert.rejects(new Rotation().rotate('/var/log/app'));
    assert.deepEqual(log, [
      'rotate /var/log/app',
      'report /var/log/app',
      'release /var/log/app.lock',
      'rotate /var/log/app',
      'report /var/log/app',
      'release /var/log/app.lock',
    ]);
  });

  it('refuses a method the class does not have, once the class is complete', () => {
    assert.throws(() => {
      class Rotation {
        @Cleanup('releaseLok')
        async rotate() {}
        releaseLock() {}
      }
      // Legacy decorators throw as the class is defined; standard ones when it is first constructed.
      return new Rotation();
    }, (error: unknown) => error instanceof ConfigError && /@Cleanup on Rotation\.rotate: the cleanup `releaseLok` is not a method/.test(error.message));
  });
});
