/// <reference types="reflect-metadata" />
import { ConfigError } from '../errors/ConfigError';
import { claimDecoratorMode, classOf } from '../metadata/decoratorMode';
import { requireReflectMetadata } from '../metadata/reflectMetadata';
import type { DecorationSite } from './DecorationSite';
import { LegacyMethod } from './LegacyMethod';
import { StandardMethod } from './StandardMethod';
import { originalMethod, wrapMethod } from './wrapMethod';

type Method = (...args: unknown[]) => unknown;

/** What a method decorator is called with: legacy `(target, key, descriptor)` or standard `(value, context)`. */
export type MethodDecoratorArguments =
  | readonly [owner: object, property: string | symbol, descriptor?: PropertyDescriptor]
  | readonly [value: unknown, context: DecoratorContext];

/** Validates and records one decorator's options. */
export type Recorder = (site: DecorationSite) => void;

/**
 * A decorated method always returns a promise, which legacy decorators cannot show in its type;
 * a method declared to return something else would have a type that lies, so it is refused.
 * TypeScript records the declared return type (`emitDecoratorMetadata`) before decorators run;
 * an unannotated non-async method records none and is accepted. (Standard decorators get no such
 * record: their typing refuses such a method when it is compiled.)
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

/** Records through `record`, then wraps the method unless another mendkit decorator already did: the wrapper, or undefined. */
function recordAndWrap(site: LegacyMethod | StandardMethod, decorator: string, written: Method, record: Recorder): Method | undefined {
  const original = originalMethod(site.metadata);
  record({
    label: site.label(decorator),
    metadata: site.metadata,
    method: original ?? written,
    whenClassIsComplete: (check) => site.whenClassIsComplete(decorator, check),
  });
  return original === undefined ? wrapMethod(site, written) : undefined;
}

function decorateLegacy(decorator: string, owner: object, property: string | symbol, descriptor: PropertyDescriptor | undefined, record: Recorder): void {
  const site = new LegacyMethod(owner, property);
  const label = site.label(decorator);
  requireReflectMetadata();
  if (descriptor === undefined || typeof descriptor.value !== 'function') {
    throw new ConfigError(`${label}: mendkit decorators go on methods, not on properties or accessors`);
  }
  claimDecoratorMode(label, classOf(owner), 'legacy');
  refuseSynchronousReturnType(label, owner, property);
  const wrapper = recordAndWrap(site, decorator, descriptor.value as Method, record);
  if (wrapper !== undefined) descriptor.value = wrapper;
}

function decorateStandard(decorator: string, value: unknown, context: DecoratorContext, record: Recorder): Method | undefined {
  if (context.kind !== 'method' || typeof value !== 'function') {
    throw new ConfigError(`@${decorator} on ${String(context.name)}: mendkit decorators go on methods, not on a ${context.kind}`);
  }
  // Absent when the compiler predates decorator metadata (TypeScript < 5.2) or `Symbol.metadata`
  // was missing when the class was defined.
  const classMetadata = context.metadata as object | undefined;
  if (typeof classMetadata !== 'object' || classMetadata === null) {
    throw new ConfigError(
      `@${decorator} on ${String(context.name)}: the compiler gave the decorator no \`context.metadata\`; ` +
        'standard decorators need TypeScript ≥ 5.2 or esbuild ≥ 0.21, and mendkit imported before the class is defined',
    );
  }
  const site = StandardMethod.of(classMetadata, context, decorator);
  const wrapper = recordAndWrap(site, decorator, value as Method, record);
  if (wrapper !== undefined) {
    context.addInitializer(
      context.static
        ? function (this: unknown) {
            site.bindClass(this as object);
          }
        : function (this: unknown) {
            site.bind(this);
          },
    );
  }
  return wrapper;
}

/**
 * The common part of every mendkit method decorator, in either convention: checks that it sits on
 * a method, lets `record` validate and write its metadata, and makes sure the method is wrapped.
 * Legacy decorators also check that Reflect metadata is loaded and the declared return type.
 * @returns for standard decorators, the replacement method (the first mendkit decorator's wrapper).
 * @throws ConfigError from any of these checks, when the class is defined.
 */
export function decorateMethod(decorator: string, args: MethodDecoratorArguments, record: Recorder): Method | undefined {
  if (typeof args[1] === 'object') return decorateStandard(decorator, args[0], args[1], record);
  decorateLegacy(decorator, args[0] as object, args[1], args[2], record);
  return undefined;
}

/**
 * For a class decorator (`@Job`): decorates `property`, a method the class in hand declares, in
 * the class decorator's convention — legacy, or standard with the class's `metadata`.
 * @throws ConfigError as {@link decorateMethod}.
 */
export function decorateOwnMethod(decorator: string, cls: { prototype: object }, property: string, metadata: object | undefined, record: Recorder): void {
  const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, property);
  if (descriptor === undefined || typeof descriptor.value !== 'function') throw new ConfigError(`@${decorator}: ${property} is not a method of the class`);
  if (metadata === undefined) {
    decorateLegacy(decorator, cls.prototype, property, descriptor, record);
  } else {
    const site = StandardMethod.of(metadata, { name: property, static: false, private: false }, decorator);
    site.bindClass(cls);
    const wrapper = recordAndWrap(site, decorator, descriptor.value as Method, record);
    if (wrapper !== undefined) descriptor.value = wrapper;
  }
  Object.defineProperty(cls.prototype, property, descriptor);
}
