import { ConfigError } from '../errors/ConfigError';
import { decoratorStore, hasMendkitRecord } from './decoratorStore';
import { metadataKey } from './MetadataKey';
import type { MetadataStore } from './MetadataStore';
import { reflectStore } from './reflectStore';
import { ownDecoratorMetadata } from './symbolMetadata';

/**
 * The two calling conventions of decorators: `legacy` (TypeScript's `experimentalDecorators`:
 * `(target, key, descriptor)`) and `standard` (TC39: `(value, context)`).
 */
export type DecoratorMode = 'legacy' | 'standard';

/** Set on a class a legacy mendkit decorator touched: its methods' metadata is on the prototype. */
const LEGACY_CLASS = metadataKey<true>('legacyClass');

/** The class a method's owner belongs to: the prototype's constructor, or the class for a static method. */
export function classOf(owner: object): object {
  return typeof owner === 'function' ? owner : (owner.constructor as object);
}

/** The decorator metadata object of `cls` itself, when standard mendkit decorators wrote to it. */
function standardMetadataOf(cls: object): object | undefined {
  const metadata = ownDecoratorMetadata(cls);
  return metadata !== undefined && hasMendkitRecord(metadata) ? metadata : undefined;
}

/**
 * Records that mendkit decorates `cls` in `mode`.
 * @throws ConfigError naming `site` when mendkit's decorators of the other convention already
 * ran on the class: each convention keeps its metadata in its own store, so one class uses one.
 */
export function claimDecoratorMode(site: string, cls: object, mode: DecoratorMode): void {
  const other = mode === 'legacy' ? standardMetadataOf(cls) !== undefined : reflectStore(cls).get(LEGACY_CLASS) === true;
  if (other) {
    throw new ConfigError(
      `${site}: ${(cls as { name?: string }).name || 'the class'} mixes legacy and standard decorators; mendkit's ` +
        'decorators on one class must all be legacy (`experimentalDecorators`) or all standard (TC39): ' +
        'compile the class one way, and apply decorators with @ rather than by calling them',
    );
  }
  if (mode === 'legacy') reflectStore(cls).set(LEGACY_CLASS, true);
}

/**
 * A class's own mendkit metadata (what `@Job` records), from whichever store its decorators used:
 * the one reader over both.
 */
export function classMetadata(cls: object): MetadataStore {
  const metadata = standardMetadataOf(cls);
  return metadata === undefined ? reflectStore(cls) : decoratorStore(metadata);
}
