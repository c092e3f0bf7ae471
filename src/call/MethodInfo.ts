import type { Logger } from 'winston';
import type { FixEpoch } from './FixEpoch';

/** What every call of one decorated method shares; built once with its pipeline. */
export interface MethodInfo {
  readonly className: string;
  readonly methodName: string;
  /** `Class.method`, for messages and logs. */
  readonly label: string;
  readonly logger: Logger;
  /** The container's count of fixes, which each call notes when it starts. */
  readonly fixes: FixEpoch;
}
