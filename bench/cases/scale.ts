import { ConstantBackoff, handleAll, retry } from 'cockatiel';
import { fixed, Retry } from 'mendkit';
import type { CaseResult } from '../report';
import { handwrittenRetry, sleep, transientFailure } from '../subjects';

/** One logical call's state: the first attempt fails, the next succeeds. */
interface Progress {
  failed: boolean;
}

async function failsOnce(progress: Progress): Promise<number> {
  if (!progress.failed) {
    progress.failed = true;
    throw transientFailure;
  }
  return 1;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run the bench with node --expose-gc');
  collect();
  collect();
}

/**
 * Lets every started call reach its backoff wait without giving timers a turn: a setImmediate
 * would let 1 ms timers fire first, and calls would finish before the heap is measured.
 */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 64; i++) await null;
}

/**
 * Starts `count` logical calls at once, each failing once and retried after 1 ms; measures the
 * wall time until all finish and the live heap per call while all are waiting to retry.
 */
export async function atScale(name: string, count: number, start: () => Promise<unknown>, bareNs: number): Promise<CaseResult> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const began = process.hrtime.bigint();
  const pending: Promise<unknown>[] = new Array(count);
  for (let i = 0; i < count; i++) pending[i] = start();
  await settleMicrotasks(); // every call has failed once and is waiting on its 1 ms timer
  gc();
  const heapBytesPerCall = (process.memoryUsage().heapUsed - heapBefore) / count;
  await Promise.all(pending);
  const wallNs = Number(process.hrtime.bigint() - began);
  return { name, nsPerCall: wallNs / count, ratioToBare: wallNs / count / bareNs, wallMs: wallNs / 1e6, heapBytesPerCall };
}

/** Starts one logical call that fails once, then succeeds after a 1 ms backoff. */
type Start = () => Promise<unknown>;

/** The subjects of the scale cases, by name: mendkit's `@Retry`, cockatiel's retry, a hand-written loop. */
export function scaleSubjects(): Record<'mendkit' | 'cockatiel' | 'handwritten', Start> {
  class Scaled {
    @Retry({ attempts: 2, backoff: fixed(1) })
    call(progress: Progress) {
      return failsOnce(progress);
    }
  }
  const mendkit = new Scaled();
  const cockatiel = retry(handleAll, { maxAttempts: 1, backoff: new ConstantBackoff(1) });
  return {
    mendkit: () => mendkit.call({ failed: false }),
    cockatiel: () => {
      const progress = { failed: false };
      return cockatiel.execute(() => failsOnce(progress));
    },
    handwritten: () => {
      const progress = { failed: false };
      return handwrittenRetry(() => failsOnce(progress), 2, sleep, 1);
    },
  };
}

/** 100,000 concurrent logical calls, each failing once then succeeding after a 1 ms backoff. */
export async function scale(count: number, bareNs: number): Promise<CaseResult[]> {
  const subjects = scaleSubjects();
  return [
    await atScale('scale-mendkit', count, subjects.mendkit, bareNs),
    await atScale('scale-cockatiel', count, subjects.cockatiel, bareNs),
    await atScale('scale-handwritten', count, subjects.handwritten, bareNs),
  ];
}
