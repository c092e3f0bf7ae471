import type { Logger } from 'winston';
import { FixEpoch } from '../../src/call/FixEpoch';
import type { MethodInfo } from '../../src/call/MethodInfo';

/** The method info a stage would have for `Class.method`, writing to `logger`. */
export function methodInfo(logger: Logger, className = 'Exporter', methodName = 'run'): MethodInfo {
  return { className, methodName, label: `${className}.${methodName}`, logger, lines: logger, fixes: new FixEpoch() };
}
