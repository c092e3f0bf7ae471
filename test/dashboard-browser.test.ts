import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import type { BrowserContext, Page } from 'playwright-core';
import { breakers, Bulkhead, CircuitBreaker, FileRunHistory, Heal, type Healer, Job, Retry, type RunRecord, Scheduler, type SchedulerOptions } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { dashboardRoutes } from '../src/dashboard/dashboardRoutes';
import { breakerRoutes } from '../src/serve/breakerRoutes';
import { HttpServer } from '../src/serve/HttpServer';
import { launchBrowser } from './support/browser';
import { requireChromium } from './support/requires';
import { SAMPLES, spawnMendkit } from './support/cli';
import { waitFor } from './support/waitFor';

const TOKEN = 'browser-test-token-0123456';
/** Screenshots of each page, light and dark, desktop and phone: the current ones go to docs/images/. */
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-output', 'dashboard');
/** A job name and an error message that would run script if the page took them as HTML. */
const XSS_JOB = '<img src=x onerror="window.__xss=1">';
const XSS_ERROR = '<script>window.__xss=2</script> disk <b>on fire</b>';

/** What the healed job's calls throw, in order, before they succeed. */
const failures: string[] = [];

@injectable()
class RestartWorker implements Healer {
  matches(error: unknown): boolean {
    return (error as { code?: unknown }).code === 'EWORKERDOWN';
  }
  async heal(): Promise<void> {}
}

@Job({ name: 'api-sync', cron: '*/15 * * * *' })
class ApiSync {
  @Retry({ attempts: 3 })
  @Heal(RestartWorker)
  async run(): Promise<void> {
    const code = failures.shift();
    if (code !== undefined) throw Object.assign(new Error(`sync call failed: ${code}`), { code });
  }
}

@Job({ name: 'db-backup', cron: '0 3 * * *' })
class DbBackup {
  async run(): Promise<void> {}
}

@Job({ name: 'report-mail', every: '6h' })
class ReportMail {
  async run(): Promise<void> {}
}

@Job({ name: XSS_JOB, cron: '30 4 * * 1' })
class Hostile {
  async run(): Promise<void> {
    throw Object.assign(new Error(XSS_ERROR), { code: 'EIO' });
  }
}

/** A dependency behind a breaker and a bulkhead, so the breakers page has something to show. */
class Upstream {
  @CircuitBreaker({ consecutive: 1, halfOpenAfter: 60_000 })
  @Bulkhead({ concurrency: 4, queue: 10 })
  async call(): Promise<void> {
    throw Object.assign(new Error('upstream down'), { code: 'ECONNREFUSED' });
  }
}

/** Five days of earlier runs, so the sparklines and success rates have something to draw. */
function seedHistory(dir: string): void {
  const lines: string[] = [];
  const start = Date.now() - 60 * 2 * 3_600_000 - 1_800_000;
  for (let i = 0; i < 60; i += 1) {
    for (const [job, base] of [
      ['api-sync', 800],
      ['db-backup', 4200],
      ['report-mail', 300],
    ] as const) {
      if (job === 'report-mail' && i % 3 !== 0) continue;
      const at = start + i * 2 * 3_600_000;
      const durationMs = Math.round(base * (1 + 0.4 * Math.sin(i / 3) + (i % 7) / 20));
      const failed = job === 'api-sync' && i % 9 === 4;
      const iso = new Date(at).toISOString();
      lines.push(
        JSON.stringify({
          id: `seed-${job}-${i}`,
          job,
          trigger: 'cron',
          scheduledAt: iso,
          startedAt: iso,
          endedAt: new Date(at + durationMs).toISOString(),
          durationMs,
          outcome: failed ? 'failed' : 'succeeded',
          attempts: failed ? 3 : 1 + (i % 5 === 0 ? 1 : 0),
          heals: i % 11 === 0 ? 1 : 0,
          ...(failed ? { errorCode: 'ECONNRESET', error: 'ApiSync.run failed after 3 attempts: read ECONNRESET' } : {}),
        }),
      );
    }
  }
  writeFileSync(path.join(dir, 'runs.jsonl'), `${lines.join('\n')}\n`);
}

describe('the dashboard in Chromium', { skip: requireChromium() }, () => {
  let kit: TestKit | undefined;
  let scheduler: Scheduler | undefined;
  let history: FileRunHistory;
  /** The realistic dashboard, whose screenshots go in the docs; and one whose only job has a hostile name. */
  let url: string;
  let hostileUrl: string;
  let healed: RunRecord;
  let hostile: RunRecord;
  const contexts: BrowserContext[] = [];
  const servers: HttpServer[] = [];

  async function serve(jobs: SchedulerOptions['jobs'], stateDir?: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'mendkit-dashboard-browser-'));
    seedHistory(dir);
    const runs = new FileRunHistory(dir);
    const made = new Scheduler({ jobs, history: runs });
    const server = new HttpServer({ address: '127.0.0.1:0', token: TOKEN });
    dashboardRoutes(server, { scheduler: made, history: runs, stateDir });
    breakerRoutes(server, { scheduler: made, history: runs, stateDir });
    servers.push(server);
    return { scheduler: made, history: runs, url: (await server.listen()).url };
  }

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Two chaos runs of the api-sync sample saved in a state directory: one too harsh for its retries, then `npm run chaos`'s.
    const chaosDir = mkdtempSync(path.join(tmpdir(), 'mendkit-dashboard-chaos-'));
    for (const [runs, rate] of [
      ['100', '0.7'],
      ['200', '0.3'],
    ]) {
      const chaos = spawnMendkit(['chaos', path.join(SAMPLES, 'api-sync.js'), 'api-sync', '--runs', runs!, '--rate', rate!, '--seed', '42', '--state-dir', chaosDir], {
        API_SYNC_DIR: path.join(chaosDir, 'records'),
        API_SYNC_URL: '',
      });
      assert.ok([0, 1].includes((await chaos.exited)!), chaos.stderr); // 1: a run failed
    }
    kit = createTestKit({ now: Date.now(), autoAdvance: true });
    ({ scheduler, history, url } = await serve([ApiSync, DbBackup, ReportMail], chaosDir));
    // A transient failure retried, then a broken worker healed: 2 attempts, 1 heal.
    failures.push('ECONNRESET', 'EWORKERDOWN');
    healed = await scheduler.runNow('api-sync');
    await new Upstream().call().catch(() => undefined);
    await scheduler.start(); // its triggers armed: the jobs page shows when each fires next
    const hostileDashboard = await serve([Hostile]);
    hostileUrl = hostileDashboard.url;
    hostile = await hostileDashboard.scheduler.runNow(XSS_JOB);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    for (const server of servers) await server.close();
    await scheduler?.stop();
    kit?.dispose();
  });

  /** A fresh page (light or dark, desktop or phone) that fails the test on a script error or a CSP violation. */
  async function open(hash: string, options: { dark?: boolean; phone?: boolean; at?: string } = {}): Promise<Page> {
    const browser = await launchBrowser();
    const context = await browser.newContext({
      colorScheme: options.dark === true ? 'dark' : 'light',
      viewport: options.phone === true ? { width: 390, height: 844 } : { width: 1280, height: 860 },
      ...(options.phone === true ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    after(() => assert.deepEqual(problems, [], 'no script error and no CSP violation'));
    await page.goto(`${options.at ?? url}/#${hash}`);
    await ready(page, hash);
    return page;
  }

  async function ready(page: Page, name: string): Promise<void> {
    await page.waitForSelector(`#page[data-page="${name}"][data-ready="true"]`, { timeout: 30_000 });
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
  }

  it('lists the jobs with their triggers and next-run times, and each one’s last run', async () => {
    const page = await open('jobs');
    const names = await page.locator('.card.job .name').allTextContents();
    assert.deepEqual(names, ['api-sync', 'db-backup', 'report-mail']);
    assert.equal(await page.locator('.card.job[data-job="report-mail"] .trigger').textContent(), 'every 6h');
    assert.match((await page.locator('.card.job[data-job="report-mail"] .next-run').textContent()) ?? '', /\(in 6 h\)/);
    const backup = page.locator('.card.job[data-job="db-backup"]');
    assert.equal(await backup.locator('.trigger').textContent(), "cron '0 3 * * *'");
    assert.match((await backup.locator('.next-run').textContent()) ?? '', /\d{2}:\d{2}:\d{2}.*\(in \d+ (s|min|h|d)\)/);
    assert.equal(await page.locator('.card.job[data-job="api-sync"] .last-counts').textContent(), '1 retry, 1 heal');
    await page.locator('.card.job canvas.spark').first().waitFor();
    await shoot(page, 'jobs-light');
    const dark = await open('jobs', { dark: true, phone: true });
    await shoot(dark, 'jobs-dark-phone');
  });

  it('shows a run that retried and healed with those counts, and expands it to its attempts', async () => {
    assert.deepEqual([healed.attempts, healed.heals, healed.outcome], [2, 1, 'succeeded']);
    const page = await open('runs');
    const row = page.locator(`tr.run[data-run="${healed.id}"]`);
    assert.equal(await row.locator('.counts').textContent(), '2 / 1');
    await row.click();
    const attempts = page.locator(`tr.run[data-run="${healed.id}"] + tr.details-row .attempts li`);
    assert.deepEqual(await attempts.allTextContents(), ['attempt 1: failed, retried', 'attempt 2: succeeded']);
    assert.match((await page.locator(`tr.run[data-run="${healed.id}"] + tr.details-row`).textContent()) ?? '', /1 heal re-ran the call/);
    await page.locator('tr.run', { hasText: 'failed' }).first().click();
    await shoot(page, 'runs-light');
    const phone = await open('runs', { dark: true, phone: true });
    await shoot(phone, 'runs-dark-phone');
  });

  it('renders the HTML-laden job name and error message as text', async () => {
    const page = await open('runs', { at: hostileUrl });
    const row = page.locator(`tr.run[data-run="${hostile.id}"]`);
    assert.equal(await row.locator('td.job').textContent(), XSS_JOB);
    await row.click();
    assert.equal(await page.locator(`tr.run[data-run="${hostile.id}"] + tr.details-row dd.error`).textContent(), XSS_ERROR);
    await shoot(page, 'hostile-runs');
    await page.goto(`${hostileUrl}/#jobs`);
    await ready(page, 'jobs');
    assert.equal(await page.locator('.card.job .name').first().textContent(), XSS_JOB);
    await shoot(page, 'hostile-jobs');
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);
    assert.equal(await page.locator('img, b').count(), 0, 'no element made from a value of the history');
  });

  it('shows a new run without a reload', async () => {
    const page = await open('runs');
    await page.locator('#live.on').waitFor();
    const record = await scheduler!.runNow('db-backup');
    await page.locator(`tr.run.fresh[data-run="${record.id}"]`).waitFor({ timeout: 30_000 });
  });

  it('runs a job on "Run now" with the token, and says why it cannot without', async () => {
    const page = await open('jobs');
    const count = async () => (await history.read({ job: 'db-backup' })).length;
    const before = await count();
    await page.locator('.card.job[data-job="db-backup"] button[data-action="run"]').click();
    await page.locator('#notice.error').waitFor();
    assert.match((await page.locator('#notice').textContent()) ?? '', /db-backup: run refused: this action needs the token/);
    assert.equal(await count(), before);
    await page.fill('#token', TOKEN);
    await page.press('#token', 'Enter');
    await page.locator('.card.job[data-job="db-backup"] button[data-action="run"]').click();
    await waitFor(async () => (await count()) === before + 1, { what: 'the run started from the page' });
    // The run may be recorded before the page has the server's answer: wait for the page to say so.
    await page.locator('#notice', { hasText: 'db-backup: run started' }).waitFor();
  });

  it('shows breakers and bulkheads', async () => {
    const page = await open('breakers');
    assert.match((await page.locator('tr.breaker').first().textContent()) ?? '', /Upstream\.call.*open.*1/);
    assert.match((await page.locator('tr.bulkhead').first().textContent()) ?? '', /Upstream\.call.*0 \/ 4.*0 \/ 10/);
    await shoot(page, 'breakers-light');
  });

  it('isolates and resets a breaker from its row, with the token', async () => {
    const page = await open('breakers');
    const row = page.locator('tr.breaker[data-breaker="Upstream.call"]');
    await page.fill('#token', TOKEN);
    await page.press('#token', 'Enter');
    await row.locator('button[data-action="isolate"]').click();
    await row.locator('.badge.isolated').waitFor();
    assert.equal(breakers()[0]?.state, 'isolated');
    await row.locator('button[data-action="reset"]').click();
    await row.locator('.badge.closed').waitFor();
    assert.equal(breakers()[0]?.state, 'closed');
    assert.match((await page.locator('#notice').textContent()) ?? '', /Upstream\.call: reset/);
  });

  it('says when the history cannot be read, keeps working, and recovers once it can', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mendkit-dashboard-unreadable-'));
    mkdirSync(path.join(dir, 'runs.jsonl')); // a directory where the file should be
    const server = new HttpServer({ address: '127.0.0.1:0' });
    dashboardRoutes(server, { history: new FileRunHistory(dir) });
    servers.push(server);
    const page = await open('runs', { at: (await server.listen()).url });
    assert.match((await page.locator('.error-box').textContent()) ?? '', /cannot read the run history: .*EISDIR/);
    await page.locator('#banner:not([hidden])').waitFor();
    await page.click('nav a[data-page="breakers"]');
    await ready(page, 'breakers');
    await page.click('nav a[data-page="runs"]');
    rmSync(path.join(dir, 'runs.jsonl'), { recursive: true });
    writeFileSync(path.join(dir, 'runs.jsonl'), `${JSON.stringify({ id: 'back', job: 'db-backup', trigger: 'cron', scheduledAt: new Date().toISOString(), startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), durationMs: 5, outcome: 'succeeded', attempts: 1, heals: 0 })}\n`);
    await page.locator('#banner[hidden]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('tr.run[data-run="back"]').waitFor({ timeout: 30_000 });
  });

  it('lists the chaos reports of the state directory, and opens one with its charts drawn', async () => {
    const page = await open('chaos');
    const rows = await page.locator('tr.chaos-report').allTextContents();
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /^api-sync.*200200/, 'newest first: 200 runs, 200 succeeded');
    await page.locator('.chart-wrap canvas').waitFor();
    await waitFor(() => page.evaluate(`Chart.getChart(document.querySelector('.chart-wrap canvas')) !== undefined`).then((drawn) => drawn === true), { what: 'the outcomes chart' });
    await shoot(page, 'chaos-light');
    await page.locator('tr.chaos-report a').first().click();
    await page.waitForURL(/\/chaos\/[^/]+$/);
    const drawn = `[...document.querySelectorAll('canvas')].length > 0 && [...document.querySelectorAll('canvas')].every((canvas) => Chart.getChart(canvas) !== undefined)`;
    await waitFor(() => page.evaluate(drawn).then((all) => all === true), { what: 'every chart of the report' });
    assert.match((await page.locator('h1').textContent()) ?? '', /Chaos report: api-sync/);
    await shoot(page, 'chaos-report');
  });
});
