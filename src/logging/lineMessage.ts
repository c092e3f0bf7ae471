/**
 * Where a winston format puts the finished line for transports to write: triple-beam's
 * `MESSAGE`, shared through the global symbol registry.
 */
export const LINE = Symbol.for('message');
