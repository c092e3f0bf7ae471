import { functionName } from './functionNames';
import type { PerfMap } from './perfMap';

/** Self instructions by function name, for one run. */
export type Costs = ReadonlyMap<string, number>;

/**
 * Self instructions of every function in `callgrind_annotate --inclusive=no` output, grouped by
 * `functionName`; the `PROGRAM TOTALS` line and everything that is not a function row are skipped.
 */
export function selfCosts(annotateOutput: string, map: PerfMap, root: string): Costs {
  const costs = new Map<string, number>();
  for (const line of annotateOutput.split('\n')) {
    const match = /^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*)$/.exec(line);
    if (match === null || match[2] === 'PROGRAM TOTALS') continue;
    const name = functionName(match[2]!, map, root);
    costs.set(name, (costs.get(name) ?? 0) + Number(match[1]!.replace(/,/g, '')));
  }
  return costs;
}

/**
 * Per call, what a run of more calls spent beyond a run of fewer: start-up, compilation and exit
 * are the same in both and cancel out.
 */
export function perCall(fewer: Costs, more: Costs, extraCalls: number): Costs {
  const result = new Map<string, number>();
  for (const name of new Set([...fewer.keys(), ...more.keys()])) {
    result.set(name, ((more.get(name) ?? 0) - (fewer.get(name) ?? 0)) / extraCalls);
  }
  return result;
}

export function total(costs: Costs): number {
  let sum = 0;
  for (const value of costs.values()) sum += value;
  return sum;
}

/** One row of the comparison of two subjects. */
export interface AttributionRow {
  readonly name: string;
  readonly subject: number;
  readonly against: number;
  readonly difference: number;
}

/** The `top` functions whose per-call cost differs most between `subject` and `against`. */
export function largestDifferences(subject: Costs, against: Costs, top: number): AttributionRow[] {
  const rows: AttributionRow[] = [];
  for (const name of new Set([...subject.keys(), ...against.keys()])) {
    const s = subject.get(name) ?? 0;
    const a = against.get(name) ?? 0;
    rows.push({ name, subject: s, against: a, difference: s - a });
  }
  return rows.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.name.localeCompare(y.name)).slice(0, top);
}
