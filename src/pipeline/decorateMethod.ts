/// <reference types="reflect-metadata" />
import { ConfigError } from '../errors/ConfigError';
import { requireReflectMetadata } from '../metadata/methodMetadata';
import { ownerName } from './ownerName';
import { wrapMethod } from './wrapMethod';

/** Where a decorator sits: for messages and for writing metadata. */
export interface DecorationSite {
  /** The prototype, or the class for a static method. */
  readonly owner: object;
  readonly property: string | symbol;
  /** `@Retry on Class.method`, to start every message about this decorator. */
  readonly label: string;
}

/**
 * A decorated method always returns a promise, which legacy decorators cannot show in its type;
 * a method declared to return something else would have a type that lies, so it is refused.
 * TypeScript records the declared return type (`emitDecoratorMetadata`) before decorators run;
 * an unannotated non-async method records none and is accepted.
 */
function refuseSynchronousReturnType(label: string, owner: object, property: string | symbol): void {
  const declared: unknown = Reflect.getOwnMetadata('design:returntype', owner, property);
  if (typeof declared === 'function' && declared !== Promise) {
    throw new ConfigError(
      `${label}: the method is declared to return ${declared.name}, but a decorated method always ` +
        'returns a Promise; make it `async` or declare `Promise<…>`',
    );
  }
}

/**
 * The common part of every mendkit method decorator: checks that Reflect metadata is loaded and
 * that it sits on a method, lets `record` validate and write its metadata, then makes sure the
 * method is wrapped.
 * @throws ConfigError from any of these checks, when the class is defined.
 */
export function decorateMethod(
  decorator: string,
  owner: object,
  property: string | symbol,
  descriptor: PropertyDescriptor | undefined,
  record: (site: DecorationSite) => void,
): void {
  const label = `@${decorator} on ${ownerName(owner)}.${String(property)}`;
  requireReflectMetadata();
  if (descriptor === undefined || typeof descriptor.value !== 'function') {
    throw new ConfigError(`${label}: mendkit decorators go on methods, not on properties or accessors`);
  }
  refuseSynchronousReturnType(label, owner, property);
  record({ owner, property, label });
  wrapMethod(owner, property, descriptor);
}
