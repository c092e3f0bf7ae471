/// <reference types="reflect-metadata" />
import { configuration } from '../di/configure';
import { KEYS } from '../metadata/keys';
import { getOwn } from '../metadata/methodMetadata';
import { buildPipeline, type Pipeline } from './buildPipeline';
import { Call } from './Call';
import type { Invoker } from './Invoker';

type Method = (...args: unknown[]) => unknown;

/** Runs the whole pipeline, then the call's undo steps if it registered any. */
async function runAll(pipeline: Pipeline, call: Call): Promise<unknown> {
  let result: unknown;
  try {
    result = await pipeline.head.invoke(call);
  } catch (error) {
    await call.end(true);
    throw error;
  }
  await call.end(false);
  return result;
}

/**
 * Runs the first attempt straight from where the skippable outer stages end; only when it fails
 * does the full pipeline run, replaying that failure to them.
 */
async function runFast(pipeline: Pipeline, fast: Invoker, call: Call): Promise<unknown> {
  let result: unknown;
  try {
    result = await fast.invoke(call);
  } catch (error) {
    call.replaying = true;
    call.replayError = error;
    return runAll(pipeline, call);
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
  if (getOwn(KEYS.wrapped, owner, property)) return;
  Reflect.defineMetadata(KEYS.wrapped.symbol, true, owner, property);
  const original = descriptor.value as Method;
  Reflect.defineMetadata(KEYS.original.symbol, original, owner, property);
  let pipeline: Pipeline | undefined;
  const wrapper = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    try {
      if (pipeline === undefined || pipeline.generation !== configuration().generation || pipeline.level !== pipeline.method.logger.level) {
        pipeline = buildPipeline(owner, property, original);
      }
      const call = new Call(pipeline.method, this, args);
      return pipeline.fast === undefined ? runAll(pipeline, call) : runFast(pipeline, pipeline.fast, call);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  descriptor.value = wrapper;
}
