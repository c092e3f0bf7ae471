import { ConfigError } from '../errors/ConfigError';
import { requireReflectMetadata } from '../metadata/methodMetadata';
import { ownerName } from './buildPipeline';
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
  record({ owner, property, label });
  wrapMethod(owner, property, descriptor);
}
