import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function probe(mode: 'plain' | 'logged' | 'logged-off'): Record<string, unknown> {
  const result = spawnSync(process.execPath, [join(__dirname, 'support', 'asyncContextProbe.js'), mode], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('async context', () => {
  it('is never entered by a process that uses only @Retry, @Catch and @Timeout, logging included', () => {
    assert.deepEqual(probe('plain'), {
      result: 'fallback',
      events: ['retry.scheduled', 'catch.handled'],
      run: 0,
      enterWith: 0,
    });
  });

  it('is entered once per call by @Logged (the probe sees real use)', () => {
    const used = probe('logged');
    assert.deepEqual(used.events, ['call.start', 'retry.scheduled', 'catch.handled', 'call.success']);
    assert.equal(used.run, 1);
  });

  it('is not entered by @Logged when even `error` is off: no line of the call could be written', () => {
    assert.deepEqual(probe('logged-off'), { result: 'fallback', events: [], run: 0, enterWith: 0 });
  });
});
