import type { Attributes } from '@opentelemetry/api';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import type { Clock } from '../clock/Clock';
import { errorLabel } from '../matching/errorFacts';
import { methodAttributes } from '../otel/attributes';
import { recordFailure } from '../otel/recordFailure';
import type { Telemetry } from '../otel/Telemetry';
import { CallRecord } from './CallRecord';

/**
 * One decorated call as telemetry sees it: the span `Class.method` (the attempts' parent, current
 * while the call runs) and `mendkit.call.duration` with its outcome: `success`, `handled` (a
 * `@Catch` turned the failure into a result) or `failure`.
 */
export class CallTelemetryStage implements Invoker {
  private readonly attributes: Attributes;
  /** Made once: the SDK hashes a record's attributes, and a fresh object per call costs as much again. */
  private readonly succeeded: Attributes;
  private readonly handled: Attributes;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
    private readonly next: Invoker,
  ) {
    this.attributes = methodAttributes(method.label);
    this.succeeded = { ...this.attributes, 'mendkit.outcome': 'success' };
    this.handled = { ...this.attributes, 'mendkit.outcome': 'handled' };
  }

  async invoke(call: Call): Promise<unknown> {
    const { api, tracer, callDuration, attemptDuration } = this.telemetry;
    const startedAt = this.clock.now();
    const span = tracer.startSpan(this.method.label, { kind: api.SpanKind.INTERNAL, attributes: this.attributes });
    const record = new CallRecord(span, call, (seconds, attributes) => attemptDuration.record(seconds, attributes));
    let attributes = this.succeeded;
    try {
      const result = await api.context.with(api.trace.setSpan(api.context.active(), span), () => this.next.invoke(call));
      if (record.handled) attributes = this.handled;
      return result;
    } catch (error) {
      attributes = { ...this.attributes, 'mendkit.outcome': 'failure', 'error.type': errorLabel(error) };
      recordFailure(api, span, error);
      throw error;
    } finally {
      record.settle('failure');
      callDuration.record((this.clock.now() - startedAt) / 1000, attributes);
      span.setAttribute('mendkit.outcome', attributes['mendkit.outcome'] as string);
      span.end();
    }
  }
}
