// Runs every compiled test file with node's built-in runner, under whichever node runs this
// script — so CI runs the same suite under each supported Node version.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

const root = path.join(__dirname, '..', 'dist', 'test');
if (!fs.existsSync(root)) {
  console.error('No compiled tests in dist/test: run `npm run build` first.');
  process.exit(1);
}
const files = testFiles(root).sort();
const result = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
