import { MendkitError } from './MendkitError';

/**
 * Thrown when mendkit is configured wrongly: a bad decorator option (thrown when the class is
 * defined), a missing handler, or a missing `reflect-metadata` import. Never retried.
 */
export class ConfigError extends MendkitError {
  readonly code = 'MENDKIT_CONFIG';
}
