/** Which decorator convention a build of the tests was compiled with. */
export type DecoratorMode = 'legacy' | 'standard';

function detect(): DecoratorMode {
  let mode: DecoratorMode = 'legacy';
  // Legacy decorators get (prototype, key, descriptor); standard ones (value, context).
  function probe(...args: unknown[]): void {
    if (typeof args[1] === 'object') mode = 'standard';
  }
  class Probe {
    @probe
    method(): void {}
  }
  void Probe;
  return mode;
}

/**
 * The convention this file was compiled with: the decorators' behavioural tests are compiled
 * twice, by tsconfig.json (legacy) and tsconfig.standard.json (standard), and run in both.
 */
export const DECORATOR_MODE: DecoratorMode = detect();

/**
 * How a ConfigError raised while a method is decorated names it, as a RegExp source: `Class\.method`
 * for legacy decorators; standard decorators run before the class exists, so only `method`.
 */
export function decoratedAt(className: string, method: string): string {
  return DECORATOR_MODE === 'legacy' ? `${className}\\.${method}` : method;
}
