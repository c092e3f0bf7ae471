import { readFileSync } from 'node:fs';
import type { CaseResult } from './report';

/** A saved run: the JSON line `npm run bench -- --json` prints. */
interface SavedRun {
  readonly node: string;
  readonly cases: readonly CaseResult[];
}

function percent(now: number, then: number): string {
  const change = (100 * (now - then)) / then;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}

/**
 * `--compare <file>`: each case's ratio (and its target comparison, `versus`) now against the same
 * in a saved run, so a change's cost shows in review as ratios, which drift less than nanoseconds.
 * Cases in only one of the two runs are listed as such.
 */
export function comparison(results: readonly CaseResult[], file: string): string {
  const saved = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop()!) as SavedRun;
  const before = new Map(saved.cases.map((r) => [r.name, r]));
  const rows = [['case', 'ratio then', 'ratio now', 'change', 'versus then', 'versus now', 'change']];
  for (const r of results) {
    const then = before.get(r.name);
    before.delete(r.name);
    if (then === undefined) {
      rows.push([r.name, '', `${r.ratioToBare.toFixed(2)}×`, 'new', '', '', '']);
      continue;
    }
    const versus = r.versus !== undefined && then.versus !== undefined;
    rows.push([
      r.name,
      `${then.ratioToBare.toFixed(2)}×`,
      `${r.ratioToBare.toFixed(2)}×`,
      percent(r.ratioToBare, then.ratioToBare),
      versus ? `${then.versus!.ratio.toFixed(2)}×` : '',
      versus ? `${r.versus!.ratio.toFixed(2)}×` : '',
      versus ? percent(r.versus!.ratio, then.versus!.ratio) : '',
    ]);
  }
  for (const name of before.keys()) rows.push([name, `${before.get(name)!.ratioToBare.toFixed(2)}×`, '', 'gone', '', '', '']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  return [`against ${file} (Node ${saved.node}; now ${process.version})`, ...lines].join('\n');
}
