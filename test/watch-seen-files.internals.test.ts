import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SeenFiles } from '../src/jobs/triggers/SeenFiles';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-seen-files-'));

describe('the files a watch trigger has seen', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('tells a file new, unchanged, changed or replaced by a rename, from its real stats', () => {
    const seen = new SeenFiles();
    const file = path.join(root, 'report.json');
    writeFileSync(file, '{}');
    assert.equal(seen.see(file, statSync(file)), true, 'new');
    assert.equal(seen.see(file, statSync(file)), false, 'seen again, unchanged');
    writeFileSync(file, '{"rows":1}');
    assert.equal(seen.see(file, statSync(file)), true, 'rewritten');
    // An atomic write of the same size and mtime: only the inode of the file renamed over it differs.
    const time = 1_700_000_000;
    utimesSync(file, time, time);
    seen.see(file, statSync(file));
    const before = statSync(file);
    const temp = path.join(root, 'report.json.tmp');
    writeFileSync(temp, '{"rows":2}');
    utimesSync(temp, time, time);
    renameSync(temp, file);
    const replaced = statSync(file);
    assert.deepEqual([replaced.size, replaced.mtimeMs], [before.size, before.mtimeMs]);
    assert.equal(seen.see(file, replaced), true, 'replaced');
    assert.equal(seen.see(file, undefined), true, 'no stats: counted as changed');
    assert.equal(seen.see(file, statSync(file)), true, 'and not recorded');
  });

  it('forgets a file removed, or missing from a scan, so that it is new when it comes back', () => {
    const seen = new SeenFiles();
    const [kept, removed, unlinked] = ['kept.json', 'removed.json', 'unlinked.json'].map((name) => path.join(root, name));
    for (const file of [kept, removed, unlinked]) {
      writeFileSync(file, '{}');
      seen.see(file, statSync(file));
    }
    assert.equal(seen.known, false);
    seen.forget(unlinked);
    seen.scanEnded(new Set([kept]));
    assert.equal(seen.known, true);
    assert.equal(seen.see(kept, statSync(kept)), false);
    assert.equal(seen.see(removed, statSync(removed)), true);
    assert.equal(seen.see(unlinked, statSync(unlinked)), true);
    seen.clear();
    assert.equal(seen.known, false);
    assert.equal(seen.see(kept, statSync(kept)), true);
  });
});
