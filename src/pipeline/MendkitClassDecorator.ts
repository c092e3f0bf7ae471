/**
 * The shape of a mendkit class decorator (`@Job`), for classes of type `C`, in both conventions:
 * legacy (`experimentalDecorators: true`) and standard (TC39).
 */
export interface MendkitClassDecorator<C extends abstract new (...args: never[]) => unknown> {
  /** Legacy decorators (`experimentalDecorators`); also how to apply it by hand. */
  <T extends C>(target: T): T;
  /** Standard decorators. */
  <T extends C>(value: T, context: ClassDecoratorContext<T>): T;
}
