import type { Exception, Span } from '@opentelemetry/api';
import { errorLabel } from '../matching/errorFacts';
import type { OtelApi } from './otelApi';

/** Marks `span` failed with `error`: the exception event, status ERROR, and `error.type` (its code or name). */
export function recordFailure(api: OtelApi, span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : (String(error) as Exception));
  span.setStatus({ code: api.SpanStatusCode.ERROR });
  span.setAttribute('error.type', errorLabel(error));
}
