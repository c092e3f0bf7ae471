import { recordFailure } from './recordFailure';
import { activeTelemetry } from './activeTelemetry';

/**
 * Runs a scheduled job's run inside its root span, `job <name>`, so that the run's call and its
 * attempts nest under it; without telemetry, just runs it.
 */
export function inJobSpan<T>(job: string, runId: string, run: () => Promise<T>): Promise<T> {
  const reporting = activeTelemetry();
  if (reporting === undefined) return run();
  const { api, tracer } = reporting;
  const span = tracer.startSpan(`job ${job}`, { root: true, kind: api.SpanKind.INTERNAL, attributes: { 'mendkit.job': job, 'mendkit.run_id': runId } });
  const work = api.context.with(api.trace.setSpan(api.context.active(), span), run);
  work.then(
    () => span.end(),
    (error: unknown) => {
      recordFailure(api, span, error);
      span.end();
    },
  );
  return work;
}
