import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.join(__dirname, '..', '..');

describe('the mendkit bin entry', () => {
  it('points at the compiled CLI, which starts with a node shebang', () => {
    const { bin } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const file = readFileSync(path.join(root, bin.mendkit!), 'utf8');
    assert.ok(file.startsWith('#!/usr/bin/env node\n'));
  });
});
