// Runs every compiled test file with node's built-in runner, under whichever node runs this
// script — so CI runs the same suite under each supported Node version — from both builds: dist/
// (legacy decorators, tsconfig.json) and dist-standard/ (the decorators' behavioural tests again,
// compiled with standard decorators by tsconfig.standard.json).
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

const roots = ['dist', 'dist-standard'].map((build) => path.join(__dirname, '..', build, 'test'));
const missing = roots.find((root) => !fs.existsSync(root));
if (missing !== undefined) {
  console.error(`No compiled tests in ${missing}: run \`npm run build\` first.`);
  process.exit(1);
}
const files = roots.flatMap((root) => testFiles(root).sort());
// Two files at a time: most of a file's time is a child process starting and waiting on servers,
// so two keep a 2-core machine busy (128 s → 90 s here) and the stress script proves they hold
// under load. More would make the tests that share Redis, PostgreSQL and mounts race for them.
const args = process.argv.slice(2);
const concurrency = args.some((arg) => arg.startsWith('--test-concurrency')) ? [] : ['--test-concurrency=2'];
const result = spawnSync(process.execPath, ['--test', ...concurrency, ...args, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
