import 'reflect-metadata';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HOSTILE_NAME } from './fixtures/hostileNames';
import { launchBrowser } from './support/browser';
import { FIXTURES, SAMPLES, spawnMendkit } from './support/cli';
import { requireChromium } from './support/requires';
import { waitFor } from './support/waitFor';

/** Set to write the sample report's screenshots over docs/images/chaos-report-*.png as well. */
const UPDATE_DOCS = process.env.MENDKIT_UPDATE_SCREENSHOTS === '1';
const DOCS_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');

/** True once the page has `count` charts, each canvas different from a blank one of its size (evaluated in the page). */
function chartsDrawn(count: number): string {
  return `(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    return canvases.length === ${count} && canvases.every((canvas) => {
      if (Chart.getChart(canvas) === undefined || canvas.width === 0) return false;
      const blank = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
      return canvas.toDataURL() !== blank.toDataURL();
    });
  })()`;
}

/**
 * Waits until `expression` is true in the page. Not `page.waitForFunction`: its polling evaluates
 * the string inside the page, which the report's CSP (rightly) forbids.
 */
function pageTrue(page: Page, expression: string, what: string): Promise<true> {
  return waitFor(() => page.evaluate(expression).then((value) => value === true || undefined), { what, intervalMs: 50 });
}

/** What a page did that a report must never do. */
interface Trouble {
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

interface Opened {
  readonly page: Page;
  readonly trouble: Trouble;
}

/**
 * Opens a report in a fresh page (closed after the test) that records console errors and
 * warnings, CSP violations, requests and dialogs, and waits until its `charts` are drawn.
 */
async function open(file: string, charts: number, colorScheme: 'light' | 'dark', viewport = { width: 1100, height: 900 }): Promise<Opened> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ colorScheme, viewport, deviceScaleFactor: 1 });
  after(() => context.close());
  const page = await context.newPage();
  const trouble: Trouble = { errors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') trouble.errors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('request', (request) => trouble.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Init scripts run whatever the page's CSP says: they see every violation the page causes.
  await page.addInitScript(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  );
  await page.goto(pathToFileURL(file).href);
  await pageTrue(page, chartsDrawn(charts), `${charts} charts drawn`);
  return { page, trouble };
}

/** Switches the page to dark and waits for the charts to be redrawn in the dark text colour (--fg). */
async function goDark(page: Page, charts: number): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await pageTrue(page, `Chart.defaults.color === '#e6edf3' && ${chartsDrawn(charts)}`, 'the charts redrawn in dark colours');
}

/** Asserts the page did nothing it must not, is in `scheme`, and saves a full-page screenshot as `file`. */
async function checkAndShoot({ page, trouble }: Opened, report: string, scheme: 'light' | 'dark', file: string): Promise<void> {
  assert.deepEqual(trouble, { errors: [], requests: [pathToFileURL(report).href], dialogs: [] });
  assert.equal(await page.locator('script').count(), 3, 'the JSON block, Chart.js and the page script: none injected');
  const background = await page.evaluate(`getComputedStyle(document.body).backgroundColor`);
  assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 247, 249)');
  await page.screenshot({ path: file, fullPage: true });
}

describe('the chaos report in Chromium', { skip: requireChromium() }, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mendkit-chaos-browser-'));
  const hostile = path.join(root, 'hostile.html');
  const sample = path.join(root, 'api-sync.html');
  after(() => rmSync(root, { recursive: true, force: true }));

  before(async () => {
    const fixture = ['chaos', path.join(FIXTURES, 'hostileNames.js'), HOSTILE_NAME, '--runs', '60', '--rate', '0.3', '--seed', '3', '--faults', 'ECONNRESET'];
    // What `npm run chaos` runs (the docs show it), with the sample's output in the test's folder.
    const apiSync = ['chaos', path.join(SAMPLES, 'api-sync.js'), 'api-sync', '--runs', '200', '--rate', '0.3', '--seed', '42'];
    const children = [
      spawnMendkit([...fixture, '--html', hostile]),
      spawnMendkit([...apiSync, '--html', sample], { API_SYNC_DIR: path.join(root, 'records'), API_SYNC_URL: '' }),
    ];
    assert.deepEqual(await Promise.all(children.map((child) => child.exited)), [1, 0], children.map((child) => child.stderr).join('\n'));
  });

  it('draws every chart of a report with failures: no error, no CSP violation, no request but the file; the hostile name and message as text', async () => {
    const opened = await open(hostile, 4, 'light');
    const { page } = opened;
    assert.equal(await page.textContent('h1'), `Chaos report: ${HOSTILE_NAME}`);
    assert.equal(await page.title(), `Chaos report: ${HOSTILE_NAME}`);
    assert.equal(await page.locator('img').count(), 0);
    assert.match((await page.locator('table').last().textContent()) ?? '', /<\/script><script>alert\(3\)<\/script>/, 'the message, as text');
    await checkAndShoot(opened, hostile, 'light', path.join(root, 'hostile-light.png'));
    await goDark(page, 4);
    await checkAndShoot(opened, hostile, 'dark', path.join(root, 'hostile-dark.png'));
  });

  it('shows the api-sync sample’s report, light then dark (the screenshots in docs/faults.md)', async () => {
    const opened = await open(sample, 3, 'light');
    assert.equal(await opened.page.textContent('h1'), 'Chaos report: api-sync');
    assert.match((await opened.page.textContent('main')) ?? '', /No run failed\./);
    for (const scheme of ['light', 'dark'] as const) {
      if (scheme === 'dark') await goDark(opened.page, 3);
      const shot = path.join(root, `chaos-report-${scheme}.png`);
      await checkAndShoot(opened, sample, scheme, shot);
      if (UPDATE_DOCS) copyFileSync(shot, path.join(DOCS_IMAGES, `chaos-report-${scheme}.png`));
    }
  });

  it('fits a phone: one column, nothing wider than the screen', async () => {
    const { page, trouble } = await open(hostile, 4, 'dark', { width: 390, height: 844 });
    assert.deepEqual(trouble.errors, []);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    const widths = (await page.evaluate(`[...document.querySelectorAll('section')].map((s) => s.getBoundingClientRect().width)`)) as number[];
    assert.ok(widths.every((width) => width > 300 && width <= 390), String(widths));
    await page.screenshot({ path: path.join(root, 'hostile-phone.png'), fullPage: true });
  });
});
