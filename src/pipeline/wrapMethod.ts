import { configuration } from '../di/configure';
import { metadataKey } from '../metadata/MetadataKey';
import type { MetadataStore } from '../metadata/MetadataStore';
import { buildPipeline, type Pipeline } from './buildPipeline';
import { Call } from '../call/Call';
import { runToEnd } from '../call/runToEnd';
import type { MethodSite } from './DecoratedMethod';

type Method = (...args: unknown[]) => unknown;

/** The method as written, before mendkit wrapped it; set once it is wrapped. */
const ORIGINAL = metadataKey<Method>('original');

/**
 * The method as written, when mendkit already wrapped it (another of its decorators ran first);
 * undefined while it is not wrapped.
 */
export function originalMethod(metadata: MetadataStore): Method | undefined {
  return metadata.get(ORIGINAL);
}

/**
 * mendkit's wrapper for `original`, made once per method however many mendkit decorators it
 * carries (the first one asks; the others then find {@link originalMethod}). The wrapper builds
 * the pipeline on the first call (when every decorator has recorded its metadata) and rebuilds
 * it only after `configure()`, or when the logger's level changes under a stage that follows it.
 */
export function wrapMethod(site: MethodSite, original: Method): Method {
  site.metadata.set(ORIGINAL, original);
  let pipeline: Pipeline | undefined;
  const wrapper = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    try {
      if (
        pipeline === undefined ||
        pipeline.generation !== configuration().generation ||
        (pipeline.level !== undefined && pipeline.level !== pipeline.method.logger.level)
      ) {
        pipeline = buildPipeline(site.forCall(this), original);
      }
      const { loop } = pipeline;
      return loop !== undefined ? loop.start(this, args) : runToEnd(pipeline.head, new Call(pipeline.method, this, args));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  return wrapper;
}
