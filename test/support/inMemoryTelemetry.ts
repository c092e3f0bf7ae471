import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** mendkit's metrics collected since the last look, by metric name. */
export type Collected = Map<string, { unit: string; points: DataPoint<unknown>[] }>;

/** The real OpenTelemetry SDK with in-memory exporters, registered globally: see {@link inMemoryTelemetry}. */
export interface InMemoryTelemetry {
  /** Every span finished since the last `spans.reset()`. */
  readonly spans: InMemorySpanExporter;
  /** Every data point of each mendkit metric since the last call, by metric name (delta temporality). */
  collected(): Promise<Collected>;
}

/**
 * Registers a real SDK (meter and tracer providers, async context) with in-memory exporters for
 * this test file's process, as a user would. Call it once, at the top of the file.
 */
export function inMemoryTelemetry(): InMemoryTelemetry {
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  // Exported only when asked (forceFlush): never on a timer of its own.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 24 * 3600 * 1000 });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  const spans = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return {
    spans,
    async collected() {
      await reader.forceFlush();
      const found: Collected = new Map();
      for (const resource of metricExporter.getMetrics()) {
        for (const scope of resource.scopeMetrics) {
          if (scope.scope.name !== 'mendkit') continue;
          for (const metric of scope.metrics) {
            const entry = found.get(metric.descriptor.name) ?? { unit: metric.descriptor.unit, points: [] };
            entry.points.push(...(metric.dataPoints as DataPoint<unknown>[]));
            found.set(metric.descriptor.name, entry);
          }
        }
      }
      metricExporter.reset();
      return found;
    },
  };
}

/** The attributes of each point of `name`, with its value (a count for a histogram). */
export function points(found: Collected, name: string): object[] {
  return (found.get(name)?.points ?? []).map((point) => {
    const value = point.value as number | { count: number };
    return { ...point.attributes, value: typeof value === 'number' ? value : value.count };
  });
}
