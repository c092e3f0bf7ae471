import type { Logger } from 'winston';

const children = new WeakMap<Logger, Map<string, Logger>>();

/**
 * The child of `logger` for one class, made once and shared by its methods: its lines carry
 * `component: <class name>` unless they name a more precise one (mendkit's own name
 * `Class.method`). What `currentCall().logger` returns.
 */
export function classLogger(logger: Logger, className: string): Logger {
  let byClass = children.get(logger);
  if (byClass === undefined) children.set(logger, (byClass = new Map()));
  let child = byClass.get(className);
  if (child === undefined) byClass.set(className, (child = logger.child({ component: className })));
  return child;
}
