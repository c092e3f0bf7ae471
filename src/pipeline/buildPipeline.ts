import { CLEANUP_KEY } from '../call/CleanupRule';
import { fixEpochOf } from '../call/FixEpoch';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import { MethodInvoker } from '../call/MethodInvoker';
import { configuration } from '../di/configure';
import { classLogger } from '../logging/classLogger';
import type { DecoratedMethod } from './DecoratedMethod';
import { readStageSettings } from './readStageSettings';
import { ReplayInvoker } from './ReplayInvoker';
import { resolveServices } from './resolveServices';
import { STAGE_ORDER } from './stageOrder';

/** A method's built pipeline, valid while the configuration's generation is unchanged. */
export interface Pipeline {
  readonly generation: number;
  /** The whole pipeline, outermost stage first. */
  readonly head: Invoker;
  /**
   * Where a call starts when the outer stages pass a first-attempt success through untouched:
   * one frame instead of one per stage. Undefined when no outer stage can be skipped.
   */
  readonly fast: Invoker | undefined;
  readonly method: MethodInfo;
  /** The logger's level when it was built: which stages may be skipped depends on it. */
  readonly level: string;
}

/** Reads a method's metadata and builds its stages around it, innermost first. */
export function buildPipeline(decorated: DecoratedMethod, original: (...args: unknown[]) => unknown): Pipeline {
  const config = configuration();
  const services = resolveServices(config.container);
  const { className, methodName } = decorated;
  const method: MethodInfo = {
    className,
    methodName,
    label: `${className}.${methodName}`,
    logger: classLogger(services.logger, className),
    fixes: fixEpochOf(config.container),
  };
  const settings = STAGE_ORDER.map((stage) => readStageSettings(stage, decorated.metadata));
  const context = { method, services };
  const skippable = STAGE_ORDER.findIndex((stage, i) => stage.skippableOnSuccess?.(settings[i], services) !== true);
  const firstActive = skippable === -1 ? STAGE_ORDER.length : skippable;
  let head: Invoker = new MethodInvoker(original, config.asyncContext, decorated.metadata.get(CLEANUP_KEY) ?? []);
  let fast: Invoker | undefined;
  for (let i = STAGE_ORDER.length - 1; i >= 0; i--) {
    if (i === firstActive - 1) {
      fast = head;
      head = new ReplayInvoker(head);
    }
    head = STAGE_ORDER[i]!.build(settings[i], context, head) ?? head;
  }
  if (head instanceof ReplayInvoker) return { generation: config.generation, head: head.next, fast: undefined, method, level: services.logger.level };
  return { generation: config.generation, head, fast, method, level: services.logger.level };
}
