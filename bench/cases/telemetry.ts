import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { configure } from 'mendkit';
import { type MeasureOptions, versus } from '../measure';
import type { CaseResult } from '../report';
import { work } from '../subjects';
import { benchContainer } from './setup';
import { Stack } from './successPath';

/** Exporters that take everything and send nothing: the case measures mendkit and the SDK, not I/O. */
const noSpans: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
const noMetrics: PushMetricExporter = { export: (_metrics, done) => done({ code: 0 }), forceFlush: async () => undefined, shutdown: async () => undefined };

async function measured(name: string, options: MeasureOptions): Promise<CaseResult> {
  configure({ container: benchContainer() }); // a new generation: the pipeline is built again
  const stack = new Stack();
  const { subject, baseline } = await versus(() => stack.call(), () => work(), options);
  return { name, nsPerCall: subject, ratioToBare: subject / baseline };
}

/**
 * The `stack` with `@opentelemetry/api` installed: `telemetry-off` without an SDK (what every user
 * without one pays); `telemetry-metrics` with the metrics SDK only; `telemetry-on` with metrics and
 * traces (a batch span processor, as in production; no-op exporters); `telemetry-on+context` with the async-hooks context manager as well, as the Node SDK registers
 * it (spans then nest across awaits, and every promise in the process pays for it). Run last of
 * the timed cases: the SDK is unregistered afterwards, but the context manager's cost on promises
 * stays.
 */
export async function telemetryCases(options: MeasureOptions): Promise<CaseResult[]> {
  const results = [await measured('telemetry-off', options)];
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: noMetrics, exportIntervalMillis: 3_600_000 })] }));
  results.push(await measured('telemetry-metrics', options));
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(noSpans)] }));
  results.push(await measured('telemetry-on', options));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  results.push(await measured('telemetry-on+context', options));
  context.disable();
  trace.disable();
  metrics.disable();
  configure({ container: benchContainer() });
  return results;
}
