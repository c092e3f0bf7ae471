import { ConstantBackoff, handleAll, retry } from 'cockatiel';
import { fixed, Retry } from 'mendkit';
import { type MeasureOptions, type Subject, versus } from '../measure';
import type { CaseResult } from '../report';
import { flaky, handwrittenRetry, work } from '../subjects';

const twiceFailing = flaky(2);

class Flaky {
  @Retry({ attempts: 3, backoff: fixed(0) })
  call() {
    return twiceFailing();
  }
}

/**
 * The retry path's subjects, by case name, each with the options it is timed with (some are
 * slower per call than `options` allows for).
 */
export async function retryPathSubjects(options: MeasureOptions): Promise<Array<[string, Subject, MeasureOptions]>> {
  const { default: pRetry } = await import('p-retry');
  const cockatiel = retry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(0) });
  const mendkit = new Flaky();
  return [
    ['retry-path-handwritten', () => handwrittenRetry(twiceFailing, 3, undefined, 0), options],
    ['retry-path-mendkit', () => mendkit.call(), options],
    // cockatiel waits on a real timer even for a zero backoff (~1 ms a wait): fewer calls.
    ['retry-path-cockatiel', () => cockatiel.execute(twiceFailing), { ...options, calls: 50, warmup: 20 }],
    ['retry-path-p-retry', () => pRetry(twiceFailing, { retries: 2, minTimeout: 0, maxTimeout: 0, factor: 1 }), { ...options, calls: Math.ceil(options.calls / 10) }],
  ];
}

/** The retry path: each logical call fails twice, then succeeds, with zero backoff. */
export async function retryPath(options: MeasureOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [name, subject, caseOptions] of await retryPathSubjects(options)) {
    const { subject: ns, baseline } = await versus(subject, () => work(), caseOptions);
    results.push({ name, nsPerCall: ns, ratioToBare: ns / baseline });
  }
  return results;
}
