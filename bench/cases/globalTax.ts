import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { median } from '../measure';
import type { CaseResult } from '../report';

function bareNsIn(mode: string): number {
  const script = path.join(__dirname, '..', 'globalTaxChild.js');
  return Number(execFileSync(process.execPath, [script, mode], { encoding: 'utf8' }).trim());
}

/**
 * A bare `await fn()` in a process that used mendkit, against the same in a fresh process:
 * the cost mendkit puts on the rest of a program. Processes alternate, three of each.
 */
export function globalTax(modes: ReadonlyArray<[name: string, mode: string]>): CaseResult[] {
  return modes.map(([name, mode]) => {
    const fresh: number[] = [];
    const used: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh.push(bareNsIn('fresh'));
      used.push(bareNsIn(mode));
    }
    const ns = median(used);
    return { name, nsPerCall: ns, ratioToBare: ns / median(fresh), against: 'bare in a fresh process' };
  });
}
