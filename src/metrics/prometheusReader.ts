import type { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { loadPrometheusExporter } from './loadPrometheusExporter';

/** What `/metrics` reads from: the exporter (a pull reader) and its text serializer. */
export interface PrometheusReader {
  readonly exporter: PrometheusExporter;
  readonly serializer: PrometheusSerializer;
}

let reader: PrometheusReader | string | undefined;

/**
 * Registers a global MeterProvider whose reader is OpenTelemetry's Prometheus exporter (without
 * its own server: mendkit's HTTP server serves it), once per process. Returns why it cannot
 * instead: a package is missing, or the program registered its own MeterProvider first (then it
 * should add a Prometheus reader to it and serve that itself).
 */
export function prometheusReader(): PrometheusReader | string {
  if (reader !== undefined) return reader;
  const modules = loadPrometheusExporter();
  if (typeof modules === 'string') return (reader = modules);
  const { api, sdk, exporter: prometheus } = modules;
  const exporter = new prometheus.PrometheusExporter({ preventServerStart: true });
  const provider = new sdk.MeterProvider({ readers: [exporter] });
  if (!api.metrics.setGlobalMeterProvider(provider)) {
    void provider.shutdown();
    return (reader = '/metrics: the program registered its own MeterProvider; add a PrometheusExporter reader to it and serve that');
  }
  return (reader = { exporter, serializer: new prometheus.PrometheusSerializer() });
}
