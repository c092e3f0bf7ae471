import { configuration } from '../di/configure';
import { resolveServices } from '../di/services';
import { classLogger } from '../logging/classLogger';
import { readMethodMetadata } from '../metadata/methodMetadata';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import { MethodInvoker } from '../call/MethodInvoker';
import { ReplayInvoker } from './ReplayInvoker';
import { STAGES } from './stageOrder';

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

/** The name of the class a method is declared on (the class itself for a static method). */
export function ownerName(owner: object): string {
  return typeof owner === 'function' ? owner.name : owner.constructor.name;
}

/** Reads a method's metadata and builds its stages around it, innermost first. */
export function buildPipeline(
  owner: object,
  property: string | symbol,
  original: (...args: unknown[]) => unknown,
): Pipeline {
  const config = configuration();
  const services = resolveServices(config.container);
  const className = ownerName(owner);
  const methodName = String(property);
  const method: MethodInfo = {
    className,
    methodName,
    label: `${className}.${methodName}`,
    logger: classLogger(services.logger, className),
  };
  const metadata = readMethodMetadata(owner, property);
  const context = { metadata, method, services };
  const skippable = STAGES.findIndex((stage) => stage.passesSuccessThrough?.(metadata, services) !== true);
  const firstActive = skippable === -1 ? STAGES.length : skippable;
  let head: Invoker = new MethodInvoker(original, config.asyncContext, metadata.cleanups);
  let fast: Invoker | undefined;
  for (let i = STAGES.length - 1; i >= 0; i--) {
    if (i === firstActive - 1) {
      fast = head;
      head = new ReplayInvoker(head);
    }
    head = STAGES[i]!(context, head) ?? head;
  }
  if (head instanceof ReplayInvoker) return { generation: config.generation, head: head.next, fast: undefined, method, level: services.logger.level };
  return { generation: config.generation, head, fast, method, level: services.logger.level };
}
