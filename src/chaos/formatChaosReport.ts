import type { ChaosReport } from './ChaosReport';
import { chaosReportRows } from './chaosReportRows';

/**
 * The report as a table for people.
 * @example console.log(formatChaosReport(report))
 */
export function formatChaosReport(report: ChaosReport): string {
  const rows = chaosReportRows(report);
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
