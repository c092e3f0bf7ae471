import { readFileSync } from 'node:fs';
import path from 'node:path';

let source: string | undefined;

/**
 * The source of Chart.js's UMD build (`chart.js/dist/chart.umd.js`, a dependency), to inline in
 * a page or serve from the same origin: reports must render on machines without internet, so
 * never from a CDN. Its `sourceMappingURL` line is taken out (the map is not served). Read once.
 */
export function chartJsSource(): string {
  source ??= readFileSync(chartJsPath(), 'utf8').replace(
    /\n\/\/# sourceMappingURL=\S+\s*$/,
    '\n',
  );
  return source;
}

/** Where Chart.js's UMD build is: the package's exports map does not list it, so next to its CommonJS entry. */
export function chartJsPath(): string {
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
}
