import { decorateMethod, type MethodDecoratorArguments, type Recorder } from './decorateMethod';
import type { MendkitMethodDecorator } from './MendkitMethodDecorator';

/**
 * Makes a mendkit method decorator named `decorator` whose options `record` validates and
 * records; it takes either calling convention.
 * @example return methodDecorator('Timeout', (site) => setOnce(site.metadata, KEY, timeoutSettings(site.label, ms), site.label));
 */
export function methodDecorator(decorator: string, record: Recorder): MendkitMethodDecorator {
  function apply(target: object, property: string | symbol, descriptor: PropertyDescriptor): void;
  function apply<Method extends (...args: never[]) => PromiseLike<unknown>>(
    value: Method,
    context: ClassMethodDecoratorContext,
  ): Method | void;
  function apply(...args: MethodDecoratorArguments): unknown {
    return decorateMethod(decorator, args, record);
  }
  return apply;
}
