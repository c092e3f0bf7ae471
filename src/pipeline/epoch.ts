let epoch = 0;

/**
 * A process-wide counter of "something was fixed" moments (a heal finishing). Each call notes it
 * when it starts, so a failure can later tell whether a fix happened after its attempt began —
 * even when the first attempt ran on the fast path, before any stage saw it.
 */
export function currentEpoch(): number {
  return epoch;
}

/** Marks a fix; returns the new epoch. */
export function advanceEpoch(): number {
  return ++epoch;
}
