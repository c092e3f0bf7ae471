import { format, type Logform } from 'winston';
import { LINE } from './lineMessage';

type Line = Logform.TransformableInfo & Record<string, unknown>;

/** The ECS version the lines follow. */
export const ECS_VERSION = '8.11.0';

/** Nanoseconds in a millisecond: ECS durations are in ns. */
const NS_PER_MS = 1_000_000;

function ecsError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const { name, message, stack, ...rest } = error as Record<string, unknown>;
  return { type: name, message, stack_trace: stack, ...rest };
}

/**
 * A JSON line in the Elastic Common Schema, for ELK: `@timestamp`, `log.level`, `message`,
 * `ecs.version`, `log.logger` (`Class.method`), `event.action` (mendkit's event),
 * `event.duration` (ns), `error.type` / `error.message` / `error.stack_trace` (plus code and
 * the cause chain), `labels.correlation_id`, and mendkit's other fields under `mendkit`.
 */
export const ecsLine = format((info: Line): Line => {
  const { level, message, timestamp, event, component, correlationId, durationMs, error, ...rest } = info;
  const line: Record<string, unknown> = {
    '@timestamp': timestamp,
    'log.level': level,
    message,
    'ecs.version': ECS_VERSION,
  };
  if (component !== undefined) line.log = { logger: component };
  if (event !== undefined || typeof durationMs === 'number') {
    line.event = {
      action: event,
      duration: typeof durationMs === 'number' ? Math.round(durationMs * NS_PER_MS) : undefined,
    };
  }
  if (error !== undefined) line.error = ecsError(error);
  if (correlationId !== undefined) line.labels = { correlation_id: correlationId };
  if (Object.keys(rest).length > 0) line.mendkit = rest;
  (info as Record<symbol, unknown>)[LINE] = JSON.stringify(line);
  return info;
});
