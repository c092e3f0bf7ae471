import 'reflect-metadata';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

describe('samples/failover (a custom healer)', () => {
  it('fails over to the secondary once, shared by concurrent calls, and every call succeeds', async () => {
    const sample = join(__dirname, '..', 'samples', 'failover.js');
    const { stdout } = await promisify(execFile)(process.execPath, [sample], { timeout: 10_000 });
    assert.match(stdout, /status: ok \(served by secondary\), ok \(served by secondary\), ok \(served by secondary\)/);
    const events = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { event?: string }).event);
    assert.equal(events.filter((event) => event === 'failover').length, 1);
    assert.equal(events.filter((event) => event === 'heal.success').length, 3);
  });
});
