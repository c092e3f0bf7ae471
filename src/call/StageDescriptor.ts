import type { MetadataKey } from '../metadata/MetadataKey';
import type { AttemptHooks } from './AttemptHooks';
import type { Invoker } from './Invoker';
import type { MethodInfo } from './MethodInfo';
import type { Services } from './Services';

/** What a stage is built from, besides its own settings. */
export interface StageContext {
  readonly method: MethodInfo;
  readonly services: Services;
}

/** What every stage declares, whichever form it takes. */
interface StageBase<S> {
  /** The stage's name in messages and in the stage order: `retry`, `heal`… */
  readonly name: string;
  /** Where the stage's decorator records its settings on a method; absent when no decorator turns it on. */
  readonly key?: MetadataKey<S>;
  /**
   * Whether the stage is built from the logger's level (present or not, which lines it writes): a
   * pipeline with it is rebuilt when the level changes; the others never look.
   */
  readonly followsLevel?: boolean;
}

/**
 * A stage that wraps the next one: its own `Invoker`, with a frame of its own. For what hooks
 * cannot say: racing the attempt (`@Timeout`), holding it back (`@Bulkhead`), sharing it
 * (`@Coalesce`).
 */
export interface WrapStageDescriptor<S> extends StageBase<S> {
  /** Builds the stage around `next`, or returns undefined when the method does not use it. */
  build(settings: S | undefined, context: StageContext, next: Invoker): Invoker | undefined;
  readonly hooks?: never;
}

/**
 * A stage in hook form (`AttemptHooks`): consecutive ones share one loop (`AttemptLoop`), with
 * no frame per stage. The faster form, for stages that act before or after an attempt.
 */
export interface HookStageDescriptor<S> extends StageBase<S> {
  /** The stage's hooks, or undefined when the method does not use it. */
  hooks(settings: S | undefined, context: StageContext): AttemptHooks | undefined;
  readonly build?: never;
}

/**
 * One stage as its feature declares it to the pipeline: where its decorator records its
 * settings, and how to build it — wrapping the next stage, or as hooks. The pipeline owns the
 * order (`pipeline/stageOrder.ts`); a feature owns everything else about its stage.
 */
export type StageDescriptor<S> = WrapStageDescriptor<S> | HookStageDescriptor<S>;

/** A stage that a decorator turns on: it always has a metadata key. */
export type DecoratedStageDescriptor<S> = StageDescriptor<S> & { readonly key: MetadataKey<S> };
