/**
 * `mendkit`: decorators that make operations automation survive production — retries, healing,
 * specific error handling, circuit breaking, logging, scheduled jobs and fault injection.
 * @module mendkit
 */
import './reflectGuard';

export { Bulkhead } from '../decorators/Bulkhead';
export { Catch } from '../decorators/Catch';
export { CircuitBreaker } from '../decorators/CircuitBreaker';
export { Cleanup } from '../decorators/Cleanup';
export { Coalesce } from '../decorators/Coalesce';
export { Heal } from '../decorators/Heal';
export { Job } from '../decorators/Job';
export { Logged } from '../decorators/Logged';
export { Retry } from '../decorators/Retry';
export { Timeout } from '../decorators/Timeout';

export type { Alert } from './alerts/alertBody';
export { ALERT_DEFAULTS, type AlertOptions } from './alerts/AlertOptions';
export { WebhookAlerts } from './alerts/WebhookAlerts';
export type { Backoff, BackoffContext, Jitter, RandomSource } from './backoff/Backoff';
export { decorrelatedJitter, type DecorrelatedJitterOptions } from './backoff/decorrelatedJitter';
export { exponential, type ExponentialOptions } from './backoff/exponential';
export { fixed } from './backoff/fixed';
export { linear, type LinearOptions } from './backoff/linear';
export { breakers, onCircuitStateChange } from './breaker/breakers';
export { bulkheads } from './bulkhead/bulkheads';
export type { BulkheadSnapshot } from './bulkhead/Bulkhead';
export type {
  BreakerSnapshot,
  CircuitBreakerOptions,
  CircuitState,
  CircuitStateChange,
  RatioWindow,
} from './breaker/CircuitBreakerOptions';
export type { Subscription } from './breaker/CircuitRegistry';
export type { BulkheadOptions } from './bulkhead/BulkheadOptions';
export type { CatchOptions } from './catch/CatchOptions';
export type { CatchHandler } from './catch/CatchRule';
export { type ChaosOptions, type ChaosProgress, DEFAULT_CHAOS_FAULTS } from './chaos/ChaosOptions';
export type { AttemptsPerRun, ChaosOutcome, ChaosReport, ChaosRunSeries } from './chaos/ChaosReport';
export { chaosReportHtml } from './chaos/chaosReportHtml';
export { type ChaosReportEntry, type ListChaosReportsOptions, listChaosReports } from './chaos/listChaosReports';
export type { ChaosReportOrigin, SavedChaosReport } from './chaos/SavedChaosReport';
export { saveChaosReport, type SavedChaosReportFiles } from './chaos/saveChaosReport';
export { CompressedClock } from './chaos/CompressedClock';
export { chaosReportJson, formatChaosReport } from './chaos/formatChaosReport';
export { failureCode, runChaos } from './chaos/runChaos';
export type { CleanupOptions, CleanupStep } from './call/CleanupOptions';
export type { CoalesceOptions } from './coalesce/CoalesceOptions';
export type { Clock, TimerHandle } from './clock/Clock';
export { RealClock } from './clock/RealClock';
export { configure, type ConfigureOptions } from './di/configure';
export { CLOCK, LOGGER } from './di/tokens';
export { BrokenCircuitError, isBrokenCircuitError, type RefusingCircuitState } from './errors/BrokenCircuitError';
export { BulkheadRejectedError, isBulkheadRejectedError } from './errors/BulkheadRejectedError';
export { ConfigError } from './errors/ConfigError';
export { HealFailedError } from './errors/HealFailedError';
export { isMendkitError, MendkitError } from './errors/MendkitError';
export { type AttemptRecord, RetryExhaustedError, type RetryExhaustedReason } from './errors/RetryExhaustedError';
export { ShutdownError } from './errors/ShutdownError';
export { TimeoutError } from './errors/TimeoutError';
export { UnknownJobError } from './errors/UnknownJobError';
export { FAULTS_ENV, installEnvFaults } from './faults/envFaults';
export type { Fault, FaultContext, PrecedingFault, ThrowingFault } from './faults/Fault';
export { type FaultInjection, FaultInjector, type FaultInjectorOptions } from './faults/FaultInjector';
export type { FaultRule, FaultTarget } from './faults/FaultRule';
export {
  faults,
  type FsFaultCode,
  type FsFaultOptions,
  type HttpFaultOptions,
  type NetworkFaultCode,
  type NetworkFaultOptions,
} from './faults/faults';
export { type FaultSpec, type FaultSpecRule, faultInjectorOptions, parseFaultSpec, type SpecDefaults } from './faults/faultSpec';
export { atomicWrite, type AtomicWriteData, type AtomicWriteOptions } from './files/atomicWrite';
export { type TempDirOptions, withTempDir, withTempFile } from './files/withTempDir';
export type { HealContext, Healer, HealerClass } from './heal/Healer';
export { EnsureDirectory } from './heal/healers/EnsureDirectory';
export { FreeDiskSpace, type FreeDiskSpaceOptions } from './heal/healers/FreeDiskSpace';
export { Reconnect, type Reconnectable, type ReconnectOptions } from './heal/healers/Reconnect';
export { RefreshToken } from './heal/healers/RefreshToken';
export { StaleLock, type StaleLockOptions } from './heal/healers/StaleLock';
export { TOKEN_PROVIDER, type TokenProvider } from './heal/healers/TokenProvider';
export { type HealFailure, healFailureOf } from './heal/healFailure';
export type { HealBudget, HealOptions } from './heal/HealOptions';
export { HttpError, type HttpErrorInit } from './http/HttpError';
export { raiseForStatus } from './http/raiseForStatus';
export { FileRunHistory } from './jobs/FileRunHistory';
export { FILE_HISTORY_DEFAULTS, type FileRunHistoryOptions } from './jobs/FileRunHistoryOptions';
export type { SkipReason } from './jobs/history/parseRunRecord';
export { JOBS } from './jobs/JOBS';
export type { JobClass, JobInstance } from './jobs/JobClass';
export type { JobContext } from './jobs/JobContext';
export type { CronJobOptions, IntervalJobOptions, JobBaseOptions, JobOptions, WatchJobOptions, WatchOptions } from './jobs/JobOptions';
export type { ExecuteRun, JobRunner, RunnerContext, ScheduledJob } from './jobs/JobRunner';
export type { JobSettings, TriggerSettings } from './jobs/JobSettings';
export { LocalRunner } from './jobs/LocalRunner';
export type { HistoryQuery, RunHistory } from './jobs/RunHistory';
export type { RunOutcome, RunRecord } from './jobs/RunRecord';
export type { RunTrigger, TriggerKind } from './jobs/RunTrigger';
export { Scheduler } from './jobs/Scheduler';
export { defaultStateDir, SCHEDULER_DEFAULTS, type SchedulerOptions, type StopResult } from './jobs/SchedulerOptions';
export { shutdownOnSignals, type ShutdownOptions } from './jobs/shutdownOnSignals';
export type { LoggedOptions } from './logged/LoggedOptions';
export { createLogger, type MendkitLogger } from './logging/createLogger';
export { type Level, LEVELS } from './logging/levels';
export type { LogFileOptions, LogRotation } from './logging/LogFileOptions';
export type { LoggerOptions } from './logging/LoggerOptions';
export type { RedactOptions } from './logging/Redactor';
export { redactFormat } from './logging/redactFormat';
export { REDACTED } from './logging/secrets';
export { type SerializedError, serializeError } from './logging/serializeError';
export type { ErrorClass, ErrorMatcher, ErrorPredicate, MatcherLike } from './matching/ErrorMatcher';
export { errors } from './matching/errors';
export { isTransient, TRANSIENT_BUSY_CODES, TRANSIENT_NETWORK_CODES } from './matching/transient';
export type { CallContext } from './call/CallContext';
export { currentCall } from './call/currentCall';
export type { MendkitClassDecorator } from './pipeline/MendkitClassDecorator';
export type { MendkitMethodDecorator } from './pipeline/MendkitMethodDecorator';
export type { PartitionKey } from './call/PartitionKey';
export type { RetryEvent, RetryOptions } from './retry/RetryOptions';
