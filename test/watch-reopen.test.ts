import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from './support/cli';
import { requireCommand, requireLinux } from './support/requires';

describe('watch trigger reopened after its watcher was lost', { skip: requireLinux() || requireCommand('prlimit') }, () => {
  it('reports what landed or changed while it was lost, once, and not again what it reported before', () => {
    // A child with few descriptors: lowering this process's own limit could strand it.
    const child = spawnSync('prlimit', ['--nofile=64:64', process.execPath, path.join(FIXTURES, 'watchReopen.js')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), {
      // before.json was there before the first scan: never reported.
      reported: ['after.json', 'landed.json', 'reported.json', 'reported.json'],
      interrupted: ['EMFILE'],
      reopened: [2],
    });
  });
});
