import type { AttemptHooks } from '../call/AttemptHooks';
import { AttemptLoop } from '../call/AttemptLoop';
import { CLEANUP_KEY } from '../call/CleanupRule';
import { fixEpochOf } from '../call/FixEpoch';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import { MethodInvoker } from '../call/MethodInvoker';
import { configuration } from '../di/configure';
import { classLogger } from '../logging/classLogger';
import type { DecoratedMethod } from './DecoratedMethod';
import { readStageSettings } from './readStageSettings';
import { resolveServices } from './resolveServices';
import { STAGE_ORDER } from './stageOrder';

/** A method's built pipeline, valid while the configuration's generation is unchanged. */
export interface Pipeline {
  readonly generation: number;
  /** The whole pipeline, outermost stage first. */
  readonly head: Invoker;
  /** `head` when it is an `AttemptLoop`, which begins calls and runs them to their end itself. */
  readonly loop: AttemptLoop | undefined;
  readonly method: MethodInfo;
  /**
   * The logger's level when it was built, when one of its stages follows the level
   * (`followsLevel`); else undefined.
   */
  readonly level: string | undefined;
}

/**
 * Reads a method's metadata and builds its stages around it, innermost first. Consecutive
 * hook-form stages share one `AttemptLoop`, so a call adds no frame per stage unless a wrapping
 * stage sits between them.
 */
export function buildPipeline(decorated: DecoratedMethod, original: (...args: unknown[]) => unknown): Pipeline {
  const config = configuration();
  const services = resolveServices(config.container);
  const { className, methodName } = decorated;
  const method: MethodInfo = {
    className,
    methodName,
    label: `${className}.${methodName}`,
    logger: classLogger(services.logger, className),
    lines: services.logger,
    fixes: fixEpochOf(config.container),
  };
  const context = { method, services };
  let head: Invoker = new MethodInvoker(original, config.asyncContext, decorated.metadata.get(CLEANUP_KEY) ?? []);
  // Hook stages met since the last wrapping one, outermost first.
  let hooks: AttemptHooks[] = [];
  let followsLevel = false;
  const withHooks = (atHead: boolean) => (hooks.length === 0 ? head : new AttemptLoop(hooks, head, services.clock, atHead ? method : undefined));
  for (let i = STAGE_ORDER.length - 1; i >= 0; i--) {
    const stage = STAGE_ORDER[i]!;
    const settings = readStageSettings(stage, decorated.metadata);
    if (settings !== undefined && stage.followsLevel === true) followsLevel = true;
    if (stage.hooks !== undefined) {
      const stageHooks = stage.hooks(settings, context);
      if (stageHooks !== undefined) hooks.unshift(stageHooks);
      continue;
    }
    // A wrapping stage closes the hooks inside it into their loop; when absent, they stay open.
    const built = stage.build(settings, context, withHooks(false));
    if (built !== undefined) {
      head = built;
      hooks = [];
    }
  }
  head = withHooks(true);
  return { generation: config.generation, head, loop: head instanceof AttemptLoop ? head : undefined, method, level: followsLevel ? services.logger.level : undefined };
}
