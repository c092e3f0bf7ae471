import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from './support/cli';
import { requireCommand, requireLinux } from './support/requires';

describe('watch trigger at the OS watch limit', { skip: requireLinux() || requireCommand('prlimit') }, () => {
  it('falls back to polling on EMFILE, logs it, and still runs for a new file', () => {
    // A child with few descriptors: lowering this process's own limit could strand it.
    const child = spawnSync('prlimit', ['--nofile=64:64', process.execPath, path.join(FIXTURES, 'watchLimit.js')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { code: 'EMFILE', polling: true, changes: ['landed.json'] });
  });
});
