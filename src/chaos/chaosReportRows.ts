import type { ChaosReport } from './ChaosReport';

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join(', ');
}

function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, count) => sum + count, 0);
}

/** A count and, when there are any, its parts: `7 (RefreshToken 5, EnsureDirectory 2)`. */
function totalWithParts(record: Readonly<Record<string, number>>): string {
  return `${total(record)}${total(record) > 0 ? ` (${counts(record)})` : ''}`;
}

/**
 * The report's summary as name–value rows, in the order people read them: the text table and
 * the HTML report show the same rows.
 */
export function chaosReportRows(report: ChaosReport): [name: string, value: string | number][] {
  const { attemptsPerRun: perRun } = report;
  return [
    ['runs', report.runs],
    ['succeeded', report.succeeded],
    ['failed', report.failed],
    ['lost', report.lost],
    ['attempts', report.attempts],
    ['retries', report.retries],
    ['heals', totalWithParts(report.heals)],
    ['caught', report.caught],
    ['attempts/run', `p50 ${perRun.p50}, p95 ${perRun.p95}, max ${perRun.max}`],
    ['faults injected', totalWithParts(report.injected)],
    ['failures', counts(report.failures)],
    ['time', `${(report.elapsedMs / 1000).toFixed(2)} s real, ${(report.skippedMs / 1000).toFixed(1)} s of waits skipped`],
  ];
}
