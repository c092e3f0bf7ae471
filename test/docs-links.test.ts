import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { documentationFiles } from './support/documentationFiles';
import { anchors, withoutCode } from './support/markdownAnchors';

const root = path.join(__dirname, '..', '..');

/** Every relative link of `file` that leads nowhere: a missing file, or an anchor no heading has. */
function brokenLinks(file: string): string[] {
  const text = withoutCode(readFileSync(path.join(root, file), 'utf8'));
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
    const [where, anchor] = target!.split('#') as [string, string | undefined];
    const linked = where === '' ? file : path.normalize(path.join(path.dirname(file), where));
    if (!existsSync(path.join(root, linked))) broken.push(`${file}: ${target} (no ${linked})`);
    else if (anchor !== undefined && !anchors(readFileSync(path.join(root, linked), 'utf8')).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${linked})`);
    }
  }
  return broken;
}

describe('links between README.md, CONTRIBUTING.md and docs/', () => {
  it('lead to files and headings that exist', () => {
    assert.deepEqual(documentationFiles(root).flatMap(brokenLinks), []);
  });

  it('reads anchors as GitHub makes them', () => {
    const page = '# `@Retry(options)`\n## `@Bulkhead({ concurrency, queue, key })`\n## Rules\n## Rules\n```sh\n# not a heading\n```\n';
    assert.deepEqual([...anchors(page)], ['retryoptions', 'bulkhead-concurrency-queue-key-', 'rules', 'rules-1']);
  });
});
