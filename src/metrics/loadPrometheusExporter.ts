import type * as Exporter from '@opentelemetry/exporter-prometheus';
import type * as SdkMetrics from '@opentelemetry/sdk-metrics';
import type { OtelApi } from '../otel/otelApi';

/** The packages `/metrics` runs on: optional peers, installed by those who serve metrics. */
export interface PrometheusModules {
  readonly api: OtelApi;
  readonly sdk: typeof SdkMetrics;
  readonly exporter: typeof Exporter;
}

/** The install line `/metrics` and the docs give. */
export const PROMETHEUS_PACKAGES = ['@opentelemetry/api', '@opentelemetry/sdk-metrics', '@opentelemetry/exporter-prometheus'] as const;

/**
 * Loads the OpenTelemetry API, metrics SDK and Prometheus exporter, or says which are missing
 * (as a sentence with the install line), so that `--http` without them serves everything else.
 */
export function loadPrometheusExporter(load: (name: string) => unknown = require): PrometheusModules | string {
  const loaded = new Map<string, unknown>();
  const missing = PROMETHEUS_PACKAGES.filter((name) => {
    try {
      loaded.set(name, load(name));
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) return `/metrics needs ${missing.join(', ')}: npm install ${PROMETHEUS_PACKAGES.join(' ')}`;
  return {
    api: loaded.get(PROMETHEUS_PACKAGES[0]) as OtelApi,
    sdk: loaded.get(PROMETHEUS_PACKAGES[1]) as typeof SdkMetrics,
    exporter: loaded.get(PROMETHEUS_PACKAGES[2]) as typeof Exporter,
  };
}
