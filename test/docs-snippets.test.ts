import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkSnippets, type SnippetSource } from './support/checkSnippets';
import { documentationFiles } from './support/documentationFiles';

const root = path.join(__dirname, '..', '..');
const PRELUDE = path.join(root, 'docs', 'snippets', 'prelude.d.ts');

/** A page with one block that does not compile, on a known line, to prove errors are reported where they are. */
const BROKEN: SnippetSource = {
  file: 'broken.md',
  markdown: ['# Broken', '', '```ts', "import { Retry } from 'mendkit';", '', "Retry({ attempts: 'three' });", '```', ''].join('\n'),
};

describe('the TypeScript blocks of README.md and docs/', () => {
  it('compile against the public API (one program for all; a broken block is named by file and line)', () => {
    const sources = documentationFiles(root).map((file) => ({ file, markdown: readFileSync(path.join(root, file), 'utf8') }));
    const { blocks, errors } = checkSnippets(root, [...sources, BROKEN], PRELUDE);
    const found = errors.map(({ file, line, message }) => `${file}:${line}: ${message}`);
    const broken = found.filter((error) => error.startsWith('broken.md:'));
    assert.equal(broken.length, 1, `the deliberately broken block: ${broken.join('\n')}`);
    assert.match(broken[0]!, /^broken\.md:6: TS2322/);
    assert.deepEqual(found.filter((error) => !error.startsWith('broken.md:')), []);
    assert.ok(blocks >= 20, `only ${blocks} TypeScript blocks found: is the extraction broken?`);
  });
});
