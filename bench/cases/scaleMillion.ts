import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { CaseResult } from '../report';

/** What one scale child reported. */
interface ChildResult {
  readonly wallMs: number;
  readonly heapBytesPerCall: number;
  readonly peakRssBytes: number;
}

function runChild(subject: string, count: number): ChildResult {
  const script = path.join(__dirname, '..', 'scaleChild.js');
  const output = execFileSync(process.execPath, ['--expose-gc', script, subject, String(count)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output) as ChildResult;
}

/**
 * `scale-1m`: a million calls waiting on their retry at once, each failing once then succeeding
 * after a 1 ms backoff; wall time, live heap per call and peak RSS, for mendkit, cockatiel and a
 * hand-written loop, each in a fresh process (peak RSS is per process) of the same run.
 * `ratio` is against the hand-written loop's wall time.
 */
export function scaleMillion(count: number): CaseResult[] {
  const results = (['handwritten', 'mendkit', 'cockatiel'] as const).map((subject) => [subject, runChild(subject, count)] as const);
  const handwritten = results[0]![1];
  return results.map(([subject, r]) => ({
    name: `scale-1m-${subject}`,
    nsPerCall: (r.wallMs * 1e6) / count,
    ratioToBare: r.wallMs / handwritten.wallMs,
    wallMs: r.wallMs,
    heapBytesPerCall: r.heapBytesPerCall,
    peakRssMb: r.peakRssBytes / 2 ** 20,
    against: 'scale-1m-handwritten',
  }));
}
