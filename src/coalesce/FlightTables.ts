import { getOrCreate } from '../support/getOrCreate';
import type { Flight } from './Flight';

/**
 * The running flights of one coalesced method, by the object it was called on, then by key:
 * calls on different objects never share, since a method's result may depend on its object's
 * state. Objects are held weakly; calls without an object (`this` undefined) share one table.
 */
export class FlightTables {
  private readonly byOwner = new WeakMap<object, Map<string, Flight>>();
  private readonly unowned = new Map<string, Flight>();

  /** The flights of calls made on `owner`. */
  of(owner: unknown): Map<string, Flight> {
    if ((typeof owner !== 'object' && typeof owner !== 'function') || owner === null) return this.unowned;
    return getOrCreate(this.byOwner, owner, () => new Map<string, Flight>());
  }
}
