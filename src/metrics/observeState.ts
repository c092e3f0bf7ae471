import type { Attributes } from '@opentelemetry/api';
import { breakers } from '../breaker/breakers';
import type { CircuitState } from '../breaker/CircuitBreakerOptions';
import { bulkheads } from '../bulkhead/bulkheads';
import { configuration } from '../di/configure';
import { otelApi } from '../otel/otelApi';
import type { StateGaugeOptions } from './StateGaugeOptions';

/** `mendkit.circuit.state`'s values: a number, so an alert can say `== 2`. */
const CIRCUIT_STATES: Readonly<Record<CircuitState, number>> = { closed: 0, 'half-open': 1, open: 2, isolated: 3 };

/** `{ name, key }` of a breaker or bulkhead as attributes: the key only when asked. */
function attributesOf({ name, key }: { name: string; key: string | undefined }, keys: boolean): Attributes {
  return keys && key !== undefined ? { 'mendkit.name': name, 'mendkit.key': key } : { 'mendkit.name': name };
}

/**
 * Registers the observable gauges of mendkit's state on meter `mendkit`: `mendkit.circuit.state`
 * (0 closed, 1 half-open, 2 open, 3 isolated by an operator) per breaker, `mendkit.bulkhead.in_use` and
 * `mendkit.bulkhead.queued` per bulkhead. Call it once, after registering your SDK's MeterProvider
 * (`mendkit start --http` does it for its own). Does nothing without `@opentelemetry/api`.
 * Without `keys`, breakers with a key per value are summed into one series per method (the most
 * open state wins).
 * @example observeState({ keys: true })
 */
export function observeState(options: StateGaugeOptions = {}): void {
  const api = otelApi();
  if (api === undefined) return;
  const meter = api.metrics.getMeter('mendkit');
  const keys = options.keys === true;
  const container = () => options.container ?? configuration().container;
  meter.createObservableGauge('mendkit.circuit.state', { description: 'Circuit state: 0 closed, 1 half-open, 2 open' }).addCallback((result) => {
    const worst = new Map<string, { attributes: Attributes; state: number }>();
    for (const breaker of breakers(container())) {
      const attributes = attributesOf(breaker, keys);
      const id = JSON.stringify(attributes);
      const state = CIRCUIT_STATES[breaker.state];
      if ((worst.get(id)?.state ?? -1) < state) worst.set(id, { attributes, state });
    }
    for (const { attributes, state } of worst.values()) result.observe(state, attributes);
  });
  const inUse = meter.createObservableGauge('mendkit.bulkhead.in_use', { description: 'Bulkhead slots held by running attempts' });
  const queued = meter.createObservableGauge('mendkit.bulkhead.queued', { description: 'Attempts waiting for a bulkhead slot' });
  meter.addBatchObservableCallback(
    (result) => {
      const totals = new Map<string, { attributes: Attributes; inUse: number; queued: number }>();
      for (const bulkhead of bulkheads(container())) {
        const attributes = attributesOf(bulkhead, keys);
        const id = JSON.stringify(attributes);
        const total = totals.get(id) ?? { attributes, inUse: 0, queued: 0 };
        total.inUse += bulkhead.inUse;
        total.queued += bulkhead.queued;
        totals.set(id, total);
      }
      for (const total of totals.values()) {
        result.observe(inUse, total.inUse, total.attributes);
        result.observe(queued, total.queued, total.attributes);
      }
    },
    [inUse, queued],
  );
}
