import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { settleTail } from '../src/logging/settleTail';

const line = (seq: number) => `{"seq":${seq},"message":"line ${seq}"}\n`;

describe('settling a file after a failed write', () => {
  const root = mkdtempSync(join(tmpdir(), 'mendkit-settle-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let files = 0;
  const file = (content: string) => {
    const path = join(root, `${files++}.log`);
    writeFileSync(path, content);
    return path;
  };

  it('cuts off part of a line left by a short write, and sends that line whole', async () => {
    const path = file(line(0) + line(1) + line(2).slice(0, 7));
    assert.deepEqual(await settleTail(path, undefined, line(1), [line(2), line(3)]), [line(2), line(3)]);
    assert.equal(readFileSync(path, 'utf8'), line(0) + line(1));
  });

  it('finds the lines of a failed batch that did reach the file', async () => {
    const path = file(line(0) + line(1) + line(2) + line(3).slice(0, 5));
    assert.deepEqual(await settleTail(path, undefined, line(0), [line(1), line(2), line(3), line(4)]), [line(3), line(4)]);
    assert.equal(readFileSync(path, 'utf8'), line(0) + line(1) + line(2));
  });

  it('catches a line confirmed written that a short write cut (libraries that ignore the count)', async () => {
    const path = file(line(0) + line(1).slice(0, 9));
    assert.deepEqual(await settleTail(path, undefined, line(1), [line(2)]), [line(1), line(2)]);
    assert.equal(readFileSync(path, 'utf8'), line(0));
  });

  it('leaves a file that ends with whole lines as it is', async () => {
    const path = file(line(0) + line(1));
    assert.deepEqual(await settleTail(path, undefined, line(1), [line(2)]), [line(2)]);
    assert.equal(statSync(path).size, (line(0) + line(1)).length);
  });

  it('counts every unconfirmed line as missing when the file is no longer the one written', async () => {
    const path = file(line(0) + line(1));
    const { dev, ino } = statSync(path);
    assert.deepEqual(await settleTail(path, { dev, ino: ino + 1 }, line(0), [line(1)]), [line(1)]);
    assert.deepEqual(await settleTail(join(root, 'missing.log'), undefined, line(0), [line(1)]), [line(1)]);
  });
});
