import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { documentationFiles } from './support/documentationFiles';
import { anchors, withoutCode } from './support/markdownAnchors';

const root = path.join(__dirname, '..', '..');

/**
 * Pages the docs link to that another change of issue 14 writes (docs/architecture.md comes
 * with the src restructure). Tolerated only while absent: once a page exists, its entry must go.
 */
const PENDING_PAGES = ['docs/architecture.md'];

/** Every relative link of `file` that leads nowhere: a missing file, or an anchor no heading has. */
function brokenLinks(file: string): string[] {
  const text = withoutCode(readFileSync(path.join(root, file), 'utf8'));
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
    const [where, anchor] = target!.split('#') as [string, string | undefined];
    const linked = where === '' ? file : path.normalize(path.join(path.dirname(file), where));
    if (PENDING_PAGES.includes(linked) && !existsSync(path.join(root, linked))) continue;
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

  it('wait for pending pages only while those are absent', () => {
    const written = PENDING_PAGES.filter((page) => existsSync(path.join(root, page)));
    assert.deepEqual(written, [], 'these pages exist now: remove them from PENDING_PAGES in test/docs-links.test.ts');
  });

  it('reads anchors as GitHub makes them', () => {
    const page = '# `@Retry(options)`\n## `@Bulkhead({ concurrency, queue, key })`\n## Rules\n## Rules\n```sh\n# not a heading\n```\n';
    assert.deepEqual([...anchors(page)], ['retryoptions', 'bulkhead-concurrency-queue-key-', 'rules', 'rules-1']);
  });
});
