import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chartJsPath } from '../support/chartJsSource';

/** The page's own files, shipped in the package's `dashboard/` folder (beside `dist/`). */
export const ASSETS_DIR = path.join(__dirname, '..', '..', '..', 'dashboard');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Where each served asset is read from: the page's files, and Chart.js from its package (never a CDN). */
function assetPaths(): ReadonlyMap<string, string> {
  return new Map([
    ['index.html', path.join(ASSETS_DIR, 'index.html')],
    ['app.js', path.join(ASSETS_DIR, 'app.js')],
    ['style.css', path.join(ASSETS_DIR, 'style.css')],
    ['chart.umd.js', chartJsPath()],
  ]);
}

let paths: ReadonlyMap<string, string> | undefined;
const cache = new Map<string, Buffer>();

/** An asset by name, with its content type; undefined for a name that is not one. Read once. */
export async function dashboardAsset(name: string): Promise<{ readonly type: string; readonly body: Buffer } | undefined> {
  paths ??= assetPaths();
  const file = paths.get(name);
  if (file === undefined) return undefined;
  let body = cache.get(name);
  if (body === undefined) {
    body = await readFile(file);
    cache.set(name, body);
  }
  return { type: TYPES[path.extname(name)]!, body };
}
