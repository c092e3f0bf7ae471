import { createHash } from 'node:crypto';
import { chartJsSource } from '../support/chartJsSource';
import { escapeHtml } from '../support/escapeHtml';
import { jsonForScript } from '../support/jsonForScript';
import type { ChaosReport } from './ChaosReport';
import { chaosReportRows } from './chaosReportRows';
import { CHAOS_REPORT_SCRIPT } from './chaosReportScript';
import { CHAOS_REPORT_STYLE } from './chaosReportStyle';
import type { ChaosReportOrigin } from './SavedChaosReport';

/** The CSP source that allows exactly this inline script or style. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A section with one chart; `layout` is its classes: `wide` spans the grid, `fill` takes the section's height. */
function chart(id: string, title: string, label: string, { note = '', wide = false, fill = false } = {}): string {
  const caption = note === '' ? '' : `<p class="note">${note}</p>`;
  return (
    `<section${wide ? ' class="wide"' : ''}><h2>${title}</h2>` +
    `<div class="chart${fill ? ' fill' : ''}"><canvas id="chart-${id}" role="img" aria-label="${label}"></canvas></div>${caption}</section>`
  );
}

function verdict(report: ChaosReport): string {
  if (report.failed + report.lost === 0) return `<p class="verdict ok">all ${report.runs} runs succeeded</p>`;
  return `<p class="verdict bad">${report.failed} failed, ${report.lost} lost of ${report.runs} runs</p>`;
}

function summary(report: ChaosReport): string {
  const rows = chaosReportRows(report).map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(String(value))}</td></tr>`);
  return `<section><h2>Summary</h2><table class="summary">${rows.join('')}</table></section>`;
}

function failures(report: ChaosReport): string {
  const codes = Object.entries(report.failures).sort(([, a], [, b]) => b - a);
  if (codes.length === 0) return '<section class="wide"><h2>Failures by error code</h2><p class="note">No run failed.</p></section>';
  const rows = codes.map(
    ([code, count]) =>
      `<tr><td><code>${escapeHtml(code)}</code></td><td class="num">${count}</td><td class="message">${escapeHtml(report.failureMessages[code] ?? '')}</td></tr>`,
  );
  return (
    chart('failures', 'Failures by error code', 'failed runs per error code', { wide: true }) +
    `<section class="wide"><h2>Failures: first message of each code</h2><div class="scroll"><table><tr><th>code</th><th>runs</th><th>message</th></tr>${rows.join('')}</table></div></section>`
  );
}

/** `2026-12-02T09:34:29.123Z` as `2026-12-02 09:34:29 UTC`. */
function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/(?:\.\d+)?Z$/, ' UTC');
}

/**
 * A chaos report as one self-contained HTML page: a summary table and charts of the outcomes,
 * the attempts and heals of each run and the failures by error code, drawn by Chart.js inlined
 * in the page — it opens from disk with no network. Light or dark as the reader's system is,
 * readable on a phone. Every value from the runs (job name, error codes and messages) is
 * escaped; the report travels as JSON in a `<script type="application/json">` block that no
 * string can break out of, and a Content-Security-Policy allows only the page's own scripts
 * and style, by hash.
 * @example await atomicWrite('chaos.html', chaosReportHtml({ ...report, job: 'api-sync' }));
 */
export function chaosReportHtml(report: ChaosReport & Partial<ChaosReportOrigin>): string {
  const library = chartJsSource();
  const csp = [
    "default-src 'none'",
    `script-src ${hashSource(library)} ${hashSource(CHAOS_REPORT_SCRIPT)}`,
    `style-src ${hashSource(CHAOS_REPORT_STYLE)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const name = escapeHtml(report.job ?? report.target);
  const origin = [
    `${escapeHtml(report.target)}`,
    report.startedAt === undefined ? '' : `started ${escapeHtml(readableTime(report.startedAt))}`,
    `seed ${report.seed}`,
    `fault rate ${report.rate}`,
  ].filter((part) => part !== '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="color-scheme" content="light dark">
<title>Chaos report: ${name}</title>
<style>${CHAOS_REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>Chaos report: ${name}</h1>
<p class="meta">${origin.join(' · ')}</p>
${report.module === undefined ? '' : `<p class="meta">module <code>${escapeHtml(report.module)}</code></p>`}
${verdict(report)}
</header>
<main>
<div class="grid">
${summary(report)}
${chart('outcomes', 'Outcomes', 'runs that succeeded, failed and were lost', { fill: true })}
${chart('attempts', 'Attempts per run', 'attempts of each run', { note: 'Bars coloured by the run’s outcome.' })}
${chart('heals', 'Heals per run', 'heals in each run')}
${failures(report)}
</div>
</main>
<footer>mendkit chaos report · run again with <code>--seed ${report.seed}</code> to replay the same faults</footer>
<script type="application/json" id="chaos-data">${jsonForScript(report)}</script>
<script>${library}</script>
<script>${CHAOS_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
