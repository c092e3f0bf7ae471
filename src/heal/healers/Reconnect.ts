import { checkFunction, checkKnownKeys, checkOptionsObject } from '../../config/validate';
import { chainMatcher, type ErrorMatcher } from '../../matching/ErrorMatcher';
import { ownCode } from '../../matching/errorFacts';
import type { HealContext, Healer } from '../Healer';

/** A connection-holding resource that can replace its lost connection. */
export interface Reconnectable {
  /** Drops the broken connection (if any) and opens a new one. */
  reconnect(): Promise<void>;
}

/** Options of {@link Reconnect}. */
export interface ReconnectOptions {
  /**
   * Finds the resource to reconnect on the service whose call failed.
   * @default the service itself, when it has a `reconnect()` method
   * @example { resource: (service) => (service as ReportRepository).db }
   */
  readonly resource?: (service: unknown) => Reconnectable | undefined;
}

/** Codes of a connection that was lost or refused, and PostgreSQL's "terminated by the server" states. */
const LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  '57P01', // admin_shutdown: pg_terminate_backend, server shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
/** node-postgres reports a dead connection by message only. */
const LOST_MESSAGE = /Connection terminated|not queryable/;

/** Connection-lost errors, along the cause chain. */
const connectionLost: ErrorMatcher = chainMatcher('connection lost', (link) => {
  const code = ownCode(link);
  if (code !== undefined && LOST_CODES.has(code)) return true;
  const message = (link as { message?: unknown } | null)?.message;
  return typeof message === 'string' && LOST_MESSAGE.test(message);
});

function selfIfReconnectable(service: unknown): Reconnectable | undefined {
  return typeof (service as Partial<Reconnectable> | null)?.reconnect === 'function' ? (service as Reconnectable) : undefined;
}

/**
 * Heals a lost connection (ECONNRESET, EPIPE, ECONNREFUSED, undici's socket errors,
 * PostgreSQL's 57P01–57P03 or node-postgres' "Connection terminated"): calls `reconnect()` on the
 * service's resource, then the call re-runs. It never matches a service without such a resource,
 * never retries `reconnect()` itself, and never touches other connections.
 * @example
 * \@Heal(Reconnect) async count() { return this.client.query('select count(*) from jobs'); }
 * async reconnect() { this.client = await connect(); }
 * @throws ConfigError for a bad option.
 */
export class Reconnect implements Healer {
  private readonly resourceOf: (service: unknown) => Reconnectable | undefined;

  constructor(options: ReconnectOptions = {}) {
    checkOptionsObject('Reconnect', options);
    checkKnownKeys('Reconnect', options, ['resource']);
    checkFunction('Reconnect', 'resource', options.resource);
    this.resourceOf = options.resource ?? selfIfReconnectable;
  }

  matches(error: unknown, context: HealContext): boolean {
    return connectionLost.matches(error) && this.resourceOf(context.thisArg) !== undefined;
  }

  async heal(_error: unknown, context: HealContext): Promise<void> {
    await this.resourceOf(context.thisArg)!.reconnect();
  }

  /** One reconnect per resource at a time. */
  flightKey(_error: unknown, context: HealContext): unknown {
    return this.resourceOf(context.thisArg);
  }
}
