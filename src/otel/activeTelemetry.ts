import type { Meter, TracerProvider } from '@opentelemetry/api';
import { configuration } from '../di/configure';
import { setLineTap } from '../logging/lineTap';
import { otelApi } from './otelApi';
import { Telemetry } from './Telemetry';

let current: { meter: Meter; tracing: TracerProvider; telemetry: Telemetry } | undefined;

/**
 * mendkit's telemetry when it reports: `@opentelemetry/api` is installed, an SDK's meter or
 * tracer provider is registered, and `configure({ telemetry: false })` did not turn it off. Else
 * undefined, and the stages are not even built. Checked when a pipeline is built and when a job
 * runs, so an SDK registered later is picked up after the next `configure()`.
 */
export function activeTelemetry(): Telemetry | undefined {
  const api = configuration().telemetry ? otelApi() : undefined;
  const meter = api?.metrics.getMeter('mendkit');
  const tracing = (api?.trace.getTracerProvider() as { getDelegate?: () => TracerProvider } | undefined)?.getDelegate?.();
  const traced = api !== undefined && tracing !== undefined && tracing !== new api.ProxyTracerProvider().getDelegate();
  if (api === undefined || meter === undefined || tracing === undefined || (meter === api.createNoopMeter() && !traced)) {
    if (current !== undefined) setLineTap((current = undefined));
    return undefined;
  }
  if (current === undefined || current.meter !== meter || current.tracing !== tracing) {
    current = { meter, tracing, telemetry: new Telemetry(api, meter) };
    setLineTap(current.telemetry);
  }
  return current.telemetry;
}
