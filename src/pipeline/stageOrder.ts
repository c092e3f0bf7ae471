import { circuitBreakerDescriptor } from '../breaker/circuitBreakerDescriptor';
import { bulkheadDescriptor } from '../bulkhead/bulkheadDescriptor';
import type { StageDescriptor } from '../call/StageDescriptor';
import { catchDescriptor } from '../catch/catchDescriptor';
import { coalesceDescriptor } from '../coalesce/coalesceDescriptor';
import { faultDescriptor } from '../faults/faultDescriptor';
import { healDescriptor } from '../heal/healDescriptor';
import { hedgeDescriptor } from '../hedge/hedgeDescriptor';
import { jobRunDescriptor } from '../jobrun/jobRunDescriptor';
import { loggedDescriptor } from '../logged/loggedDescriptor';
import { rateLimitDescriptor } from '../ratelimit/rateLimitDescriptor';
import { retryDescriptor } from '../retry/retryDescriptor';
import { attemptTelemetryDescriptor } from '../telemetry/attemptTelemetryDescriptor';
import { callTelemetryDescriptor } from '../telemetry/callTelemetryDescriptor';
import { timeoutDescriptor } from '../timeout/timeoutDescriptor';

/**
 * The stage order, outermost first, whatever order the decorators were written in — written here
 * and nowhere else. A job's run sees the attempts and the final outcome; Logged frames the call;
 * Catch sees what Retry gave up on; Coalesce lets concurrent callers (each with its own Logged
 * lines and Catch) share one whole execution; Retry repeats everything inside it; CircuitBreaker counts each
 * attempt; Hedge starts a twin beside a slow attempt, the pair counted once outside it and each with
 * its own rate-limit slot, bulkhead slot, heal and timeout inside it; RateLimit gives each attempt
 * a slot, waited for before it holds a bulkhead slot; Bulkhead holds a slot only while an attempt runs; Heal fixes a cause and re-runs;
 * Timeout bounds each attempt; Faults, innermost, injects faults the others then meet. The two
 * telemetry stages, built only while OpenTelemetry reports, frame the call (inside the job's run,
 * outside Logged and Catch) and each attempt (inside Heal, so a re-run is an attempt).
 */
export const STAGE_ORDER: readonly StageDescriptor<unknown>[] = Object.freeze([
  jobRunDescriptor,
  callTelemetryDescriptor,
  loggedDescriptor,
  catchDescriptor,
  coalesceDescriptor,
  retryDescriptor,
  circuitBreakerDescriptor,
  hedgeDescriptor,
  rateLimitDescriptor,
  bulkheadDescriptor,
  healDescriptor,
  attemptTelemetryDescriptor,
  timeoutDescriptor,
  faultDescriptor,
]);
