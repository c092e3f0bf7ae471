import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const samples = path.join(__dirname, '..', 'samples');

describe('samples', () => {
  it('demo: retries the flaky API with backoff, then catches the missing settings file', () => {
    const child = spawnSync(process.execPath, [path.join(samples, 'demo.js')], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.status, 0, child.stderr);
    const lines = child.stdout.split('\n').filter(Boolean);
    const events = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      events.map((e) => [e.event, e.code, e.delayMs]),
      [
        ['retry.scheduled', 'HTTP_503', 100],
        ['retry.scheduled', 'HTTP_503', 200],
        ['call.success', undefined, undefined],
        ['catch.handled', 'ENOENT', undefined],
        ['call.success', undefined, undefined],
      ],
    );
    assert.ok(lines.includes('report fetched: 42 rows'));
    assert.ok(lines.includes('region: eu-west-1'));
  });
});
