import type { Subject } from '../measure';
import { retryPathSubjects } from '../cases/retryPath';
import { successSubjects } from '../cases/successPath';

/** The options the retry path's subjects are built with; the instruction count ignores them. */
const UNUSED_OPTIONS = { calls: 1, rounds: 1, warmup: 1 };

/**
 * Every subject the bench's success and retry paths time, under the bench's case names: counting
 * instructions the same objects the timings use keeps the two comparable.
 */
export async function instructionSubjects(): Promise<Map<string, Subject>> {
  const success = await successSubjects();
  const retryPath = await retryPathSubjects(UNUSED_OPTIONS);
  return new Map([...success, ...retryPath.map(([name, subject]): [string, Subject] => [name, subject])]);
}
