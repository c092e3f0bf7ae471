import type { Attributes, Counter, Histogram, Meter, Tracer } from '@opentelemetry/api';
import type { LineTap } from '../logging/lineTap';
import { methodAttributes } from './attributes';
import type { OtelApi } from './otelApi';

/**
 * Histogram buckets in seconds, from a fast call (5 ms) to a long job (1 h): the SDK's default
 * buckets are meant for milliseconds.
 */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** The job outcomes a run's last line names: `job.succeeded`, `job.failed`, `job.timedOut`, `job.aborted`. */
const JOB_ENDS = new Set(['job.succeeded', 'job.failed', 'job.timedOut', 'job.aborted']);

/**
 * mendkit's instruments on meter `mendkit` and its tracer, made once per registered SDK. It is
 * also the line tap: every stable log event is counted in `mendkit.events` (and added to the span
 * running now), and a job's last line feeds the job metrics, so no stage knows of telemetry.
 */
export class Telemetry implements LineTap {
  readonly tracer: Tracer;
  readonly callDuration: Histogram;
  readonly attemptDuration: Histogram;
  private readonly events: Counter;
  private readonly jobRuns: Counter;
  private readonly jobDuration: Histogram;
  /** Unix seconds of each job's last success in this process. */
  private readonly lastSuccess = new Map<string, number>();

  constructor(
    readonly api: OtelApi,
    meter: Meter,
  ) {
    this.tracer = api.trace.getTracer('mendkit');
    const seconds = { unit: 's', advice: { explicitBucketBoundaries: SECONDS_BUCKETS } };
    this.callDuration = meter.createHistogram('mendkit.call.duration', { ...seconds, description: 'Duration of a decorated call, all attempts included' });
    this.attemptDuration = meter.createHistogram('mendkit.attempt.duration', { ...seconds, description: 'Duration of one attempt of a decorated call' });
    this.events = meter.createCounter('mendkit.events', { description: "mendkit's stable log events (retry.scheduled, heal.success…), whatever the log level" });
    this.jobRuns = meter.createCounter('mendkit.job.runs', { description: 'Scheduled job runs, by outcome' });
    this.jobDuration = meter.createHistogram('mendkit.job.duration', { ...seconds, description: 'Duration of a scheduled job run' });
    meter
      .createObservableGauge('mendkit.job.last_success', { unit: 's', description: 'Unix time of the last successful run of each job in this process' })
      .addCallback((result) => {
        for (const [job, at] of this.lastSuccess) result.observe(at, { 'mendkit.job': job });
      });
  }

  seen(event: string, component: string | undefined, fields: object | undefined): void {
    const job = (fields as { job?: unknown } | undefined)?.job;
    const attributes: Attributes = component === undefined ? {} : methodAttributes(component);
    attributes['event.name'] = event;
    if (typeof job === 'string') attributes['mendkit.job'] = job;
    this.events.add(1, attributes);
    if (component !== undefined) this.api.trace.getActiveSpan()?.addEvent(event);
    if (typeof job === 'string' && JOB_ENDS.has(event)) this.jobEnded(job, event.slice('job.'.length), fields as { durationMs?: unknown });
  }

  annotate(line: Record<string, unknown>): void {
    const span = this.api.trace.getActiveSpan();
    if (span === undefined) return;
    const { traceId, spanId } = span.spanContext();
    line.traceId = traceId;
    line.spanId = spanId;
  }

  /**
   * Notes a success of `job` at `atSeconds` (unix) unless a later one is known: how the gauge
   * starts from the run history after a restart instead of being absent until the next success.
   */
  succeededAt(job: string, atSeconds: number): void {
    if ((this.lastSuccess.get(job) ?? 0) < atSeconds) this.lastSuccess.set(job, atSeconds);
  }

  private jobEnded(job: string, outcome: string, fields: { durationMs?: unknown }): void {
    const attributes = { 'mendkit.job': job, 'mendkit.outcome': outcome };
    this.jobRuns.add(1, attributes);
    if (typeof fields.durationMs === 'number') this.jobDuration.record(fields.durationMs / 1000, attributes);
    // Wall time, not the injected clock: a timestamp for dashboards to compare with now().
    if (outcome === 'succeeded') this.succeededAt(job, Date.now() / 1000);
  }
}
