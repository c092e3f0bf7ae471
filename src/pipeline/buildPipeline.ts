import { configuration } from '../di/configure';
import { resolveServices } from '../di/services';
import { classLogger } from '../logging/classLogger';
import { readMethodMetadata } from '../metadata/methodMetadata';
import type { Invoker } from './Invoker';
import type { MethodInfo } from './MethodInfo';
import { MethodInvoker } from './MethodInvoker';
import { STAGES } from './stages';

/** A method's built pipeline, valid while the configuration's generation is unchanged. */
export interface Pipeline {
  readonly generation: number;
  readonly head: Invoker;
  readonly method: MethodInfo;
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
  const context = { metadata: readMethodMetadata(owner, property), method, services };
  let head: Invoker = new MethodInvoker(original, config.asyncContext);
  for (let i = STAGES.length - 1; i >= 0; i--) head = STAGES[i]!(context, head) ?? head;
  return { generation: config.generation, head, method };
}
