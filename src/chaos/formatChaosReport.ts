import type { ChaosReport } from './ChaosReport';

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join(', ');
}

function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, count) => sum + count, 0);
}

/**
 * The report as a table for people.
 * @example console.log(formatChaosReport(report))
 */
export function formatChaosReport(report: ChaosReport): string {
  const { attemptsPerRun: perRun } = report;
  const rows: [string, string | number][] = [
    ['runs', report.runs],
    ['succeeded', report.succeeded],
    ['failed', report.failed],
    ['lost', report.lost],
    ['attempts', report.attempts],
    ['retries', report.retries],
    ['heals', `${total(report.heals)}${total(report.heals) > 0 ? ` (${counts(report.heals)})` : ''}`],
    ['caught', report.caught],
    ['attempts/run', `p50 ${perRun.p50}, p95 ${perRun.p95}, max ${perRun.max}`],
    ['faults injected', `${total(report.injected)}${total(report.injected) > 0 ? ` (${counts(report.injected)})` : ''}`],
    ['failures', counts(report.failures)],
    ['time', `${(report.elapsedMs / 1000).toFixed(2)} s real, ${(report.skippedMs / 1000).toFixed(1)} s of waits skipped`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  return [`chaos: ${report.runs} runs of ${report.target}, fault rate ${report.rate}, seed ${report.seed}`, ...lines].join('\n');
}

/**
 * The report as one line of JSON, for scripts (`--json`).
 * @example process.stdout.write(chaosReportJson(report) + '\n')
 */
export function chaosReportJson(report: ChaosReport): string {
  return JSON.stringify(report);
}
