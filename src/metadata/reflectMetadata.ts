/// <reference types="reflect-metadata" />
import { ConfigError } from '../errors/ConfigError';

/** Set on `globalThis` when mendkit loaded reflect-metadata itself: shared by every copy of mendkit. */
const LOADED_BY_MENDKIT = Symbol.for('mendkit.loadedReflectMetadata');

function reflectMetadataLoaded(): boolean {
  return typeof Reflect.getOwnMetadata === 'function' && typeof Reflect.defineMetadata === 'function';
}

/**
 * Loads reflect-metadata when the program loaded no Reflect metadata polyfill: tsyringe, mendkit's
 * container, refuses to load without one. A program on standard decorators need not import it;
 * one on legacy decorators still must, first (see {@link requireReflectMetadata}).
 * @throws ConfigError when the package is not installed.
 */
export function loadReflectMetadata(): void {
  if (reflectMetadataLoaded()) return;
  try {
    require('reflect-metadata');
  } catch (error) {
    throw new ConfigError('mendkit needs the reflect-metadata package (a peer dependency of mendkit and tsyringe): npm install reflect-metadata', {
      cause: error,
    });
  }
  (globalThis as Record<symbol, unknown>)[LOADED_BY_MENDKIT] = true;
}

/**
 * Legacy decorators need the program itself to load reflect-metadata before anything decorated is
 * defined: the types TypeScript emits (`emitDecoratorMetadata`) for a class defined before it are
 * lost without a word, and tsyringe then cannot build that class. Loaded by mendkit does not
 * count: whatever was defined before mendkit was imported went without.
 * @throws ConfigError saying what to add and where.
 */
export function requireReflectMetadata(): void {
  if (!reflectMetadataLoaded() || (globalThis as Record<symbol, unknown>)[LOADED_BY_MENDKIT] === true) {
    throw new ConfigError(
      'mendkit needs reflect-metadata: add `import "reflect-metadata";` as the first line of your ' +
        "program's entry file, before importing mendkit, tsyringe or your decorated classes " +
        '(legacy decorators, `experimentalDecorators`, need it; standard decorators do not)',
    );
  }
}
