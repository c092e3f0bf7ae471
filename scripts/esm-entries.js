// Writes the ESM entry points: each re-exports the names of the CommonJS build, so `import`
// and `require` consumers share one module instance (one container, one set of metadata keys).
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const entries = {
  'index.mjs': '../src/index.js',
  'testing.mjs': '../src/testing/index.js',
  'bullmq.mjs': '../src/bullmq/index.js',
  'redis.mjs': '../src/redis/index.js',
};

fs.mkdirSync(path.join(dist, 'esm'), { recursive: true });
for (const [file, target] of Object.entries(entries)) {
  const names = Object.keys(require(path.join(dist, 'esm', target))).filter((name) => name !== 'default');
  const source =
    `import cjs from '${target}';\n` +
    `export const { ${names.join(', ')} } = cjs;\n`;
  fs.writeFileSync(path.join(dist, 'esm', file), source);
}
