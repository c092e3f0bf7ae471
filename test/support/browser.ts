import { after } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from './requires';

/**
 * Flags for a headless Chromium in CI: no sandbox (tests run as root), no GPU, and nothing that
 * reaches the network on its own (updates, sync, QUIC probes), so a page that tries shows up.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let launched: Promise<Browser> | undefined;

// Registered when the file loads, so it belongs to the file, not to the test that launched it.
after(async () => {
  await (await launched?.catch(() => undefined))?.close();
});

/**
 * The test file's Chromium (Debian's, at /usr/bin/chromium, driven by playwright-core): launched
 * on first use, shared by the file's tests, closed when they are over. Guard the tests with
 * `requireChromium()`. Give each test its own context (`browser.newContext()`) and close it.
 */
export function launchBrowser(): Promise<Browser> {
  launched ??= chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  return launched;
}
