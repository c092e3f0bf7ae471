import type { Logger } from 'winston';
import { container } from 'tsyringe';
import { LOGGER } from '../di/tokens';
import { logLine } from '../logging/logLine';
import { activeTelemetry } from '../otel/activeTelemetry';
import { sendBody, sendJson } from '../serve/respond';
import type { RouteSet } from '../serve/ServeContext';
import { observeState } from './observeState';
import { prometheusReader } from './prometheusReader';
import { seedLastSuccess } from './seedLastSuccess';

/** The Prometheus text format's content type. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics`: mendkit's metrics in the Prometheus text format, from a MeterProvider this
 * registers with OpenTelemetry's Prometheus exporter as its reader. Without the packages, or when
 * the program registered its own MeterProvider, it answers 501 with why (said once at start too).
 */
export const metricsRoutes: RouteSet = (server, context) => {
  const reader = prometheusReader();
  if (typeof reader === 'string') {
    logLine(container.resolve<Logger>(LOGGER), 'warn', 'http.metricsUnavailable', reader);
  } else {
    observeState();
    // Turns the job metrics and the event counter on before the first call.
    const telemetry = activeTelemetry();
    if (telemetry !== undefined) seedLastSuccess(telemetry, context);
  }
  server.route({
    method: 'GET',
    path: '/metrics',
    handle: async (_request, _req, res) => {
      if (typeof reader === 'string') return sendJson(res, 501, { error: reader });
      const { resourceMetrics, errors } = await reader.exporter.collect();
      if (errors.length > 0) return sendJson(res, 500, { error: `collecting metrics failed: ${String(errors[0])}` });
      sendBody(res, 200, PROMETHEUS_TEXT, reader.serializer.serialize(resourceMetrics));
    },
  });
};
