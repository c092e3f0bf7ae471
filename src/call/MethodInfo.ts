import type { Logger } from 'winston';
import type { FixEpoch } from './FixEpoch';

/** What every call of one decorated method shares; built once with its pipeline. */
export interface MethodInfo {
  readonly className: string;
  readonly methodName: string;
  /** `Class.method`, for messages and logs. */
  readonly label: string;
  /** The class's child of `LOGGER`: what `currentCall().logger` gives the method. */
  readonly logger: Logger;
  /**
   * Where mendkit's own lines about the method go: `LOGGER` itself. They name their component
   * (`Class.method`), which is all the class's child would add, and it would copy every line.
   */
  readonly lines: Logger;
  /** The container's count of fixes, which each call notes when it starts. */
  readonly fixes: FixEpoch;
}
