/**
 * The shape of every mendkit method decorator. It works in both conventions TypeScript compiles:
 * legacy decorators (`experimentalDecorators: true`) and standard (TC39) decorators, TypeScript
 * 5's default and what esbuild, tsx and Vite use.
 */
export interface MendkitMethodDecorator {
  /** Legacy decorators (`experimentalDecorators`), on a method of a prototype or a class. */
  (target: object, property: string | symbol, descriptor: PropertyDescriptor): void;
  /**
   * Standard decorators, on a method (static, instance or `#private`). A decorated method always
   * returns a promise, so the method must be declared (or inferred) to return one.
   * @typeParam Method the decorated method's type, kept as it is for the replacement.
   */
  <Method extends (...args: never[]) => PromiseLike<unknown>>(
    value: Method,
    context: ClassMethodDecoratorContext,
  ): Method | void;
}
