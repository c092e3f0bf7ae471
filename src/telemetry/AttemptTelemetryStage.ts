import type { Attributes } from '@opentelemetry/api';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import type { Clock } from '../clock/Clock';
import { errorLabel } from '../matching/errorFacts';
import { methodAttributes } from '../otel/attributes';
import { recordFailure } from '../otel/recordFailure';
import type { Telemetry } from '../otel/Telemetry';
import { callRecordOf } from './CallRecord';

/**
 * One attempt as telemetry sees it: a child span of the call's, `Class.method attempt`, current
 * while the method runs (so the user's own instrumentation, an HTTP client's, nests under it),
 * and `mendkit.attempt.duration`. A failed attempt's outcome (`retried`, `healed`, `failure`) is
 * known only when the call goes on, so its duration is recorded then (see `CallRecord`).
 */
export class AttemptTelemetryStage implements Invoker {
  private readonly attributes: Attributes;
  private readonly spanName: string;
  /** By attempt number, made once (see `CallTelemetryStage`): the span's attributes, and a success's. */
  private readonly byAttempt: { readonly span: Attributes; readonly succeeded: Attributes }[] = [];

  constructor(
    private readonly telemetry: Telemetry,
    method: MethodInfo,
    private readonly clock: Clock,
    private readonly next: Invoker,
  ) {
    this.attributes = methodAttributes(method.label);
    this.spanName = `${method.label} attempt`;
  }

  async invoke(call: Call): Promise<unknown> {
    const record = callRecordOf(call);
    if (record === undefined) return this.next.invoke(call);
    const { api, tracer, attemptDuration } = this.telemetry;
    record.settle('retried');
    const attempt = call.current.attempt;
    const attributes = (this.byAttempt[attempt] ??= this.attributesOf(attempt));
    const parent = api.trace.setSpan(api.context.active(), record.span);
    const span = tracer.startSpan(this.spanName, { kind: api.SpanKind.INTERNAL, attributes: attributes.span }, parent);
    const startedAt = this.clock.now();
    try {
      const result = await api.context.with(api.trace.setSpan(parent, span), () => this.next.invoke(call));
      attemptDuration.record((this.clock.now() - startedAt) / 1000, attributes.succeeded);
      return result;
    } catch (error) {
      recordFailure(api, span, error);
      record.attemptFailed((this.clock.now() - startedAt) / 1000, { ...attributes.span, 'error.type': errorLabel(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  private attributesOf(attempt: number) {
    const span = { ...this.attributes, 'mendkit.attempt': attempt };
    return { span, succeeded: { ...span, 'mendkit.attempt.outcome': 'success' } };
  }
}
