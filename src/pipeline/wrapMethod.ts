/// <reference types="reflect-metadata" />
import { configuration } from '../di/configure';
import { metadataKey } from '../metadata/MetadataKey';
import { getOwn } from '../metadata/methodMetadata';
import { buildPipeline, type Pipeline } from './buildPipeline';
import { Call } from '../call/Call';

type Method = (...args: unknown[]) => unknown;

/** Set once the method's wrapper is installed, so later decorators do not wrap it again. */
const WRAPPED = metadataKey<true>('wrapped');
/** The method as written, before mendkit wrapped it. */
const ORIGINAL = metadataKey<Method>('original');

/**
 * The method as written: another mendkit decorator may already have replaced it with the wrapper
 * (`@Logged` reads its parameter names).
 */
export function originalMethod(owner: object, property: string | symbol): Method | undefined {
  return getOwn(ORIGINAL, owner, property);
}

/**
 * Runs a call to its end in one frame: from the fast path's entry, and only when that fails, the
 * whole pipeline (whose skipped outer stages see that failure as their first attempt's); then
 * its undo steps, if it registered any, before it settles.
 */
async function runCall(pipeline: Pipeline, call: Call): Promise<unknown> {
  let result: unknown;
  try {
    if (pipeline.fast === undefined) {
      result = await pipeline.head.invoke(call);
    } else {
      try {
        result = await pipeline.fast.invoke(call);
      } catch (error) {
        call.replaying = true;
        call.replayError = error;
        result = await pipeline.head.invoke(call);
      }
    }
  } catch (error) {
    const cleaning = call.end(true);
    if (cleaning !== undefined) await cleaning;
    throw error;
  }
  const cleaning = call.end(false);
  if (cleaning !== undefined) await cleaning;
  return result;
}

/**
 * Replaces a method with mendkit's wrapper, once per method however many mendkit decorators it
 * carries. The wrapper builds the pipeline on the first call (when every decorator has
 * recorded its metadata) and rebuilds it only after `configure()`.
 */
export function wrapMethod(owner: object, property: string | symbol, descriptor: PropertyDescriptor): void {
  if (getOwn(WRAPPED, owner, property)) return;
  Reflect.defineMetadata(WRAPPED.symbol, true, owner, property);
  const original = descriptor.value as Method;
  Reflect.defineMetadata(ORIGINAL.symbol, original, owner, property);
  let pipeline: Pipeline | undefined;
  const wrapper = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    try {
      if (pipeline === undefined || pipeline.generation !== configuration().generation || pipeline.level !== pipeline.method.logger.level) {
        pipeline = buildPipeline(owner, property, original);
      }
      const call = new Call(pipeline.method, this, args);
      return runCall(pipeline, call);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  descriptor.value = wrapper;
}
