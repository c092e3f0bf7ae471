import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { scanFiles } from '../src/jobs/triggers/scanFiles';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-scan-files-'));

describe("a polling watch trigger's own scan", () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists every file under a directory, nested ones too, with their stats, and no directory', async () => {
    const inbox = path.join(root, 'inbox');
    mkdirSync(path.join(inbox, 'nested', 'empty'), { recursive: true });
    writeFileSync(path.join(inbox, 'a.json'), '{}');
    writeFileSync(path.join(inbox, 'nested', 'b.json'), '{"b":1}');
    const files = await scanFiles(inbox);
    assert.deepEqual([...files.keys()].sort(), [path.join(inbox, 'a.json'), path.join(inbox, 'nested', 'b.json')]);
    assert.equal(files.get(path.join(inbox, 'nested', 'b.json'))?.size, 7);
  });

  it('lists a watched file by itself, and fails for a path that is gone', async () => {
    const file = path.join(root, 'single.json');
    writeFileSync(file, '{}');
    assert.deepEqual([...(await scanFiles(file)).keys()], [file]);
    await assert.rejects(scanFiles(path.join(root, 'gone')), { code: 'ENOENT' });
  });
});
