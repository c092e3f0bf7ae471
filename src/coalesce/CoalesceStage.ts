import type { InjectionToken } from 'tsyringe';
import { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { logEvent } from '../call/logEvent';
import { lineWanted } from '../logging/lineWanted';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import type { Services } from '../call/Services';
import { perContainer } from '../di/perContainer';
import { getOrCreate } from '../support/getOrCreate';
import { argumentsKey } from './argumentsKey';
import type { CoalesceSettings } from './CoalesceSettings';
import { Flight } from './Flight';
import { FlightTables } from './FlightTables';
import { runToEnd } from '../call/runToEnd';

const FLIGHTS: InjectionToken<WeakMap<CoalesceSettings, FlightTables>> = Symbol.for('mendkit.COALESCE_FLIGHTS');

/**
 * `@Coalesce`: a call whose key (on the same object) matches a running execution waits for that
 * execution instead of starting one; otherwise it starts one that later calls can join. The
 * execution is forgotten as soon as it settles: nothing is cached.
 */
export class CoalesceStage implements Invoker {
  private readonly tables: FlightTables;
  /** `@Coalesce on Class.method`, for errors about keys. */
  private readonly site: string;

  constructor(
    private readonly settings: CoalesceSettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    services: Services,
  ) {
    this.site = `@Coalesce on ${method.label}`;
    const byMethod = perContainer(services.container, FLIGHTS, () => new WeakMap<CoalesceSettings, FlightTables>());
    this.tables = getOrCreate(byMethod, settings, () => new FlightTables());
  }

  async invoke(call: Call): Promise<unknown> {
    const { key: option } = this.settings;
    const key = option === undefined ? argumentsKey(this.site, call.args) : partitionOf(this.site, option, call);
    const table = this.tables.of(call.thisArg);
    const running = table.get(key);
    if (running !== undefined) {
      this.joined(running, option === undefined ? undefined : key);
      return running.join(call);
    }
    const flight: Flight = new Flight(
      new Call(call.method, call.thisArg, call.args),
      (shared) => runToEnd(this.next, shared),
      () => {
        if (table.get(key) === flight) table.delete(key);
      },
      (reason) => this.abandoned(flight, reason),
    );
    table.set(key, flight);
    return flight.join(call);
  }

  /** `key` is logged only when it came from the `key` option: the default one is the arguments, secrets and all. */
  private joined(flight: Flight, key: string | undefined): void {
    if (!lineWanted(this.method.lines, 'debug')) return;
    logEvent(this.method, 'debug', 'coalesce.joined', `${this.method.label} joined a running call`, {
      key,
      sharedWith: flight.shared.correlationId,
      waiting: flight.size + 1,
    });
  }

  private abandoned(flight: Flight, reason: unknown): void {
    logEvent(this.method, 'info', 'coalesce.abandoned', `${this.method.label}: every caller left; aborting the shared call`, {
      sharedWith: flight.shared.correlationId,
      reason,
    });
  }
}
