import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type ChaosReport, chaosReportHtml, listChaosReports, type SavedChaosReport, saveChaosReport } from 'mendkit';
import { chaosReportId, isChaosReportId } from '../src/chaos/SavedChaosReport';
import { escapeHtml } from '../src/support/escapeHtml';
import { HOSTILE_MESSAGE, HOSTILE_NAME } from './fixtures/hostileNames';
import { FIXTURES, spawnMendkit } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-chaos-html-'));
after(() => rmSync(root, { recursive: true, force: true }));

const IMG = `"'><img src=x onerror=alert(2)>`;

/** A report whose every string from the runs is hostile markup. */
function hostileReport(startedAt = '2026-12-02T09:30:00.000Z'): SavedChaosReport {
  return {
    job: HOSTILE_NAME,
    module: `/jobs/${IMG}.js`,
    startedAt,
    target: `${HOSTILE_NAME}.run`,
    runs: 3,
    succeeded: 1,
    failed: 2,
    lost: 0,
    attempts: 6,
    retries: 2,
    heals: { [IMG]: 1 },
    caught: 0,
    injected: { ECONNRESET: 2 },
    failures: { [`E${IMG}`]: 1, EHOSTILE: 1 },
    failureMessages: { [`E${IMG}`]: `<script>alert(1)</script>`, EHOSTILE: HOSTILE_MESSAGE },
    attemptsPerRun: { p50: 2, p95: 3, max: 3 },
    perRun: { attempts: [1, 2, 3], heals: [0, 1, 0], outcomes: ['succeeded', 'failed', 'failed'] },
    seed: 7,
    rate: 0.3,
    elapsedMs: 12,
    skippedMs: 3000,
  };
}

/** The text of each inline element `tag` of `html`, in order. */
function inline(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('chaosReportHtml', () => {
  const report = hostileReport();
  const html = chaosReportHtml(report);

  it('escapes the five characters that matter in text and attributes', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the job name, the healers, codes and error messages as text: no markup of theirs reaches the page', () => {
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;'), 'the job name, escaped');
    assert.ok(html.includes(escapeHtml(HOSTILE_MESSAGE)), 'the error message, escaped');
    // Outside the JSON block, no element but the page's own: three scripts, one style, no img.
    const markup = html.replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/, '');
    assert.equal(markup.match(/<script\b/g)?.length, 2);
    assert.equal(markup.match(/<\/script/g)?.length, 2);
    assert.equal(markup.match(/<img\b/g), null);
    assert.equal(markup.match(/onerror=alert\(\d\)>/g), null, 'no unescaped attribute');
  });

  it('embeds the report as JSON that no string can break out of, read back unchanged', () => {
    const [data, ...scripts] = inline(html, 'script');
    assert.equal(scripts.length, 2, 'the JSON block ends where it should: then Chart.js and the page script');
    assert.ok(!data!.includes('<'), 'no < at all inside the JSON block');
    assert.deepEqual(JSON.parse(data!), report);
  });

  it('allows by CSP exactly its own inline scripts and style, nothing from elsewhere', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const [, library, own] = inline(html, 'script');
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`script-src ${sha256(library!)} ${sha256(own!)};`), csp);
    assert.ok(csp.includes(`style-src ${sha256(inline(html, 'style')[0]!)};`), csp);
    assert.doesNotMatch(csp, /unsafe|https?:/);
    assert.doesNotMatch(html, /sourceMappingURL|https?:\/\/(?!www\.w3\.org)[^\s"']+\.js/, 'no source map or script fetched');
  });
});

describe('chaos report ids and listChaosReports', () => {
  it('names files by start time and a safe form of the job name', () => {
    const id = chaosReportId(HOSTILE_NAME, '2026-12-02T09:30:00.000Z');
    assert.equal(id, '2026-12-02T093000.000Z-_script_alert_1___script_____img_src_x_onerror_alert_2__');
    assert.ok(isChaosReportId(id));
    assert.equal(chaosReportId('.hidden', '2026-12-02T09:30:00.000Z'), '2026-12-02T093000.000Z-_hidden');
    for (const bad of ['../etc/passwd', '2026-12-02T093000.000Z-a/b', '2026-12-02T093000.000Z-..', 'x']) assert.ok(!isChaosReportId(bad), bad);
  });

  it('lists saved reports newest first; skips torn and foreign files, telling why; no folder means none', async () => {
    const state = path.join(root, 'list');
    assert.deepEqual(await listChaosReports(state), []);
    const older = await saveChaosReport(state, hostileReport('2026-12-01T08:00:00.000Z'));
    const newer = await saveChaosReport(state, { ...hostileReport('2026-12-02T08:00:00.000Z'), job: 'api-sync' });
    assert.ok(existsSync(older.htmlPath) && existsSync(newer.htmlPath));
    const chaos = path.join(state, 'chaos');
    writeFileSync(path.join(chaos, '2026-12-03T080000.000Z-torn.json'), '{"job":"torn","startedAt":"2026-12-03T08:00:00.000Z","ru');
    writeFileSync(path.join(chaos, '2026-12-03T080000.000Z-foreign.json'), '{"hello":"world"}');
    writeFileSync(path.join(chaos, 'notes.json'), '{}');
    mkdirSync(path.join(chaos, '2026-12-03T080000.000Z-folder.json'));
    const skipped: string[] = [];
    const entries = await listChaosReports(state, { onSkip: (file, why) => skipped.push(`${path.basename(file)}: ${why.split(':')[0]}`) });
    assert.deepEqual(
      entries.map((entry) => [entry.id, entry.job, entry.runs, entry.succeeded, entry.failed, entry.lost]),
      [
        [newer.id, 'api-sync', 3, 1, 2, 0],
        [older.id, HOSTILE_NAME, 3, 1, 2, 0],
      ],
    );
    assert.deepEqual(entries[1], { ...entries[1], htmlPath: older.htmlPath, jsonPath: older.jsonPath, startedAt: '2026-12-01T08:00:00.000Z' });
    assert.deepEqual(skipped.sort(), [
      '2026-12-03T080000.000Z-folder.json: unreadable',
      '2026-12-03T080000.000Z-foreign.json: not a chaos report',
      '2026-12-03T080000.000Z-torn.json: not JSON',
      'notes.json: not a chaos report name',
    ]);
  });
});

describe('mendkit chaos --html --state-dir', () => {
  const fixture = path.join(FIXTURES, 'hostileNames.js');
  const args = ['chaos', fixture, HOSTILE_NAME, '--runs', '28', '--rate', '0.3', '--seed', '3', '--faults', 'ECONNRESET'];

  it('writes the page and saves the report, which listChaosReports then finds', async () => {
    const state = path.join(root, 'cli-state');
    const page = path.join(root, 'report.html');
    const child = spawnMendkit([...args, '--json', '--html', page, '--state-dir', state]);
    assert.equal(await child.exited, 1, child.stderr); // the hostile runs fail
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChaosReport;
    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    assert.equal(sum(report.perRun.attempts), report.attempts);
    assert.equal(sum(report.perRun.heals), Object.values(report.heals).reduce((a, b) => a + b, 0));
    assert.equal(report.perRun.outcomes.filter((outcome) => outcome === 'failed').length, report.failed);
    assert.ok((report.failures.EHOSTILE ?? 0) > 0, JSON.stringify(report.failures));
    // Kept as the run history keeps it: the markup as it was, the secret redacted.
    assert.equal(report.failureMessages.EHOSTILE, HOSTILE_MESSAGE.replace('hunter2', '[REDACTED]'));

    const [entry, ...others] = await listChaosReports(state);
    assert.equal(others.length, 0);
    assert.deepEqual([entry!.job, entry!.runs, entry!.failed], [HOSTILE_NAME, 28, report.failed]);
    const saved = JSON.parse(readFileSync(entry!.jsonPath, 'utf8')) as SavedChaosReport;
    assert.deepEqual(saved, { ...report, elapsedMs: saved.elapsedMs, job: HOSTILE_NAME, module: fixture, startedAt: entry!.startedAt });
    assert.equal(readFileSync(page, 'utf8'), readFileSync(entry!.htmlPath, 'utf8'), 'the same page in both places');
    for (const file of [page, entry!.htmlPath, entry!.jsonPath]) assert.ok(!readFileSync(file, 'utf8').includes('hunter2'), file);
    assert.match(child.stderr, new RegExp(`^report written: ${page.replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(child.stderr, new RegExp(`^report saved: ${entry!.htmlPath.replace(/[.]/g, '\\.')}$`, 'm'));
  });

  it('refuses an --html file it cannot write before running anything (exit 10)', async () => {
    for (const [page, why] of [
      [path.join(root, 'missing', 'report.html'), /ENOENT/],
      [root, /it is a directory/],
    ] as const) {
      const child = spawnMendkit([...args, '--html', page]);
      assert.equal(await child.exited, 10, child.stderr);
      assert.match(child.stderr, new RegExp(`^mendkit: cannot write the --html report ${page.replace(/[.]/g, '\\.')}: .*${why.source}`, 'm'));
      assert.doesNotMatch(child.stderr, /chaos: \d+\/28 runs/, 'no run started');
    }
  });
});
