import type { Attributes } from '@opentelemetry/api';

/**
 * The attributes naming a decorated method, from its label `Class.method`: OpenTelemetry's
 * `code.namespace` and `code.function`. Bounded: one pair per decorated method.
 */
export function methodAttributes(label: string): Attributes {
  const dot = label.indexOf('.');
  return dot === -1 ? { 'code.function': label } : { 'code.namespace': label.slice(0, dot), 'code.function': label.slice(dot + 1) };
}
