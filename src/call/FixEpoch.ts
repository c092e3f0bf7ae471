import type { DependencyContainer } from 'tsyringe';
import { perContainer } from '../di/perContainer';

/**
 * Counts "a cause was fixed" moments (a heal finishing) among the methods of one container. Each
 * call notes the count when it starts, so a failure can later tell whether a fix happened after
 * its attempt began, whichever stage notices the failure.
 */
export class FixEpoch {
  private value = 0;

  /** The count now. */
  current(): number {
    return this.value;
  }

  /** Marks a fix; returns the new count. */
  advance(): number {
    return ++this.value;
  }
}

/** The container's own {@link FixEpoch}, registered in it on first use. */
export function fixEpochOf(container: DependencyContainer): FixEpoch {
  return perContainer(container, FixEpoch, () => new FixEpoch());
}
