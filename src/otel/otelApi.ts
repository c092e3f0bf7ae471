import type * as Api from '@opentelemetry/api';

/** The `@opentelemetry/api` module. */
export type OtelApi = typeof Api;

let loaded: OtelApi | null | undefined;

/**
 * `@opentelemetry/api` when it is installed, else undefined: an optional peer dependency, required
 * once, on first need, so that mendkit without it loads nothing and reports nothing.
 */
export function otelApi(): OtelApi | undefined {
  if (loaded === undefined) {
    try {
      loaded = require('@opentelemetry/api') as OtelApi;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
