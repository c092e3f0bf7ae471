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
import { FIXTURES, spawnMendkit } from './support/cli';
import { requireChromium } from './support/requires';
import { waitFor } from './support/waitFor';

/** Set to write the screenshots over docs/images/chaos-report-*.png as well. */
const UPDATE_DOCS = process.env.MENDKIT_UPDATE_SCREENSHOTS === '1';
const DOCS_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');
const CHARTS = ['outcomes', 'attempts', 'heals', 'failures'];

/** True once every chart exists and its canvas differs from a blank one of its size (evaluated in the page). */
const CHARTS_DRAWN = `${JSON.stringify(CHARTS)}.every((id) => {
  const canvas = document.getElementById('chart-' + id);
  if (canvas === null || Chart.getChart(canvas) === undefined || canvas.width === 0) return false;
  const blank = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
  return canvas.toDataURL() !== blank.toDataURL();
})`;

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

/** Opens the report in a fresh page that records console errors, CSP violations, requests and dialogs. */
async function open(file: string, colorScheme: 'light' | 'dark', viewport = { width: 1100, height: 900 }): Promise<{ page: Page; trouble: Trouble }> {
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
  await pageTrue(page, CHARTS_DRAWN, 'every chart drawn');
  return { page, trouble };
}

describe('the chaos report in Chromium', { skip: requireChromium() }, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mendkit-chaos-browser-'));
  const report = path.join(root, 'report.html');
  after(() => rmSync(root, { recursive: true, force: true }));

  before(async () => {
    const args = ['chaos', path.join(FIXTURES, 'hostileNames.js'), HOSTILE_NAME, '--runs', '60', '--rate', '0.3', '--seed', '3', '--faults', 'ECONNRESET'];
    const child = spawnMendkit([...args, '--html', report]);
    assert.equal(await child.exited, 1, child.stderr);
  });

  /** Checks what a reader sees, then keeps a screenshot (and, when asked, updates the docs' one). */
  async function check(page: Page, trouble: Trouble, scheme: 'light' | 'dark'): Promise<void> {
    assert.deepEqual(trouble, { errors: [], requests: [pathToFileURL(report).href], dialogs: [] });
    assert.equal(await page.textContent('h1'), `Chaos report: ${HOSTILE_NAME}`);
    assert.equal(await page.title(), `Chaos report: ${HOSTILE_NAME}`);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 3, 'the JSON block, Chart.js and the page script: none injected');
    assert.match((await page.locator('table').last().textContent()) ?? '', /<\/script><script>alert\(3\)<\/script>/, 'the message, as text');
    const background = await page.evaluate(`getComputedStyle(document.body).backgroundColor`);
    assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 247, 249)');
    const shot = path.join(root, `chaos-report-${scheme}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    if (UPDATE_DOCS) copyFileSync(shot, path.join(DOCS_IMAGES, `chaos-report-${scheme}.png`));
  }

  it('draws every chart with no error, no CSP violation, no request but the file, the hostile name and message as text', async () => {
    const { page, trouble } = await open(report, 'light');
    await check(page, trouble, 'light');
  });

  it('redraws the charts in dark colours when the reader switches to dark', async () => {
    const { page, trouble } = await open(report, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    // The charts take the scheme's text colour (--fg) once redrawn.
    await pageTrue(page, `Chart.defaults.color === '#e6edf3' && ${CHARTS_DRAWN}`, 'the charts redrawn in dark colours');
    await check(page, trouble, 'dark');
  });

  it('fits a phone: one column, nothing wider than the screen', async () => {
    const { page, trouble } = await open(report, 'dark', { width: 390, height: 844 });
    assert.deepEqual(trouble.errors, []);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    const widths = (await page.evaluate(`[...document.querySelectorAll('section')].map((s) => s.getBoundingClientRect().width)`)) as number[];
    assert.ok(widths.every((width) => width > 300 && width <= 390), String(widths));
    await page.screenshot({ path: path.join(root, 'chaos-report-phone.png'), fullPage: true });
  });
});
