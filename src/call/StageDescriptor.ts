import type { MetadataKey } from '../metadata/MetadataKey';
import type { Invoker } from './Invoker';
import type { MethodInfo } from './MethodInfo';
import type { Services } from './Services';

/** What a stage is built from, besides its own settings. */
export interface StageContext {
  readonly method: MethodInfo;
  readonly services: Services;
}

/**
 * One stage as its feature declares it to the pipeline: where its decorator records its
 * settings, how to build it, and whether the fast path may skip it. The pipeline owns the order
 * (`pipeline/stageOrder.ts`); a feature owns everything else about its stage.
 */
export interface StageDescriptor<S> {
  /** The stage's name in messages and in the stage order: `retry`, `heal`… */
  readonly name: string;
  /** Where the stage's decorator records its settings on a method; absent when no decorator turns it on. */
  readonly key?: MetadataKey<S>;
  /** Builds the stage around `next`, or returns undefined when the method does not use it. */
  build(settings: S | undefined, context: StageContext, next: Invoker): Invoker | undefined;
  /**
   * True when, with these settings, the stage does nothing at all if the first attempt succeeds
   * (or is not used): the pipeline then skips it on that path and only replays a failure into it.
   * Absent means never skipped.
   */
  skippableOnSuccess?(settings: S | undefined, services: Services): boolean;
}

/** A stage that a decorator turns on: it always has a metadata key. */
export type DecoratedStageDescriptor<S> = StageDescriptor<S> & { readonly key: MetadataKey<S> };
