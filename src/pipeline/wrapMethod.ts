/// <reference types="reflect-metadata" />
import { configuration } from '../di/configure';
import { KEYS } from '../metadata/keys';
import { getOwn } from '../metadata/methodMetadata';
import { buildPipeline, type Pipeline } from './buildPipeline';
import { Call } from './Call';

type Method = (...args: unknown[]) => unknown;

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
      if (pipeline === undefined || pipeline.generation !== configuration().generation) {
        pipeline = buildPipeline(owner, property, original);
      }
      return pipeline.head.invoke(new Call(pipeline.method, this, args));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  descriptor.value = wrapper;
}
