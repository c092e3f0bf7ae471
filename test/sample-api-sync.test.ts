import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startRecordsApi } from '../samples/records-api';
import { events, mendkit, SAMPLES, spawnMendkit } from './support/cli';

const sample = path.join(SAMPLES, 'api-sync.js');
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-api-sync-'));

describe('sample api-sync against a local API that resets, throttles and expires tokens', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('retries the reset and the 429s, refreshes the token, creates the day directory, and writes every record once', async () => {
    // Page requests: 3rd and 6th answer 429 (Retry-After: 1), the 4th is reset, a token serves 2 pages.
    const api = await startRecordsApi({ pages: 3, pageSize: 4, resetEvery: 4, throttleEvery: 3, tokenUses: 2 });
    const dir = path.join(root, 'missing', 'records');
    const state = path.join(root, 'state');
    try {
      const run = spawnMendkit(['run', sample, 'api-sync', '--state-dir', state], { API_SYNC_URL: api.url, API_SYNC_DIR: dir });
      assert.equal(await run.exited, 0, run.stderr);
      assert.match(run.stdout, /^api-sync: succeeded in \d+ ms \(4 attempts, 2 heals\)$/m);
      assert.deepEqual(
        events(run.stderr, 'retry.scheduled').map((e) => [e.code, e.delayMs]),
        [['HTTP_429', 1000], ['ECONNRESET', 1000], ['HTTP_429', 1000]], // Retry-After, backoff, Retry-After
      );
      assert.deepEqual(events(run.stderr, 'heal.success').map((e) => [e.healer, e.code]), [['RefreshToken', 'HTTP_401'], ['EnsureDirectory', 'ENOENT']]);
      assert.deepEqual({ ...api.stats }, { pageRequests: 7, resets: 1, throttled: 2, expired: 1, tokensIssued: 2, pagesServed: 3 });

      assert.deepEqual(readdirSync(dir), ['records.json']); // no temp file left
      const records = JSON.parse(readFileSync(path.join(dir, 'records.json'), 'utf8')) as { id: string }[];
      assert.deepEqual(records.map((r) => r.id), ['r-1-1', 'r-1-2', 'r-1-3', 'r-1-4', 'r-2-1', 'r-2-2', 'r-2-3', 'r-2-4', 'r-3-1', 'r-3-2', 'r-3-3', 'r-3-4']);

      const history = JSON.parse(mendkit(['history', '--json', '--state-dir', state]).stdout) as { outcome: string; attempts: number; heals: number }[];
      assert.deepEqual(history.map((r) => [r.outcome, r.attempts, r.heals]), [['succeeded', 4, 2]]);
    } finally {
      await api.close();
    }
  });

  it('starts its own local API when API_SYNC_URL is not set', () => {
    const child = mendkit(['run', sample, 'api-sync', '--state-dir', path.join(root, 'own-state')], { API_SYNC_URL: '', API_SYNC_DIR: path.join(root, 'own') });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /^api-sync: succeeded in \d+ ms \(1 attempt, 1 heal\)$/m);
  });
});
