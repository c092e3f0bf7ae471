import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { logEvent } from '../call/logEvent';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import type { Services } from '../call/Services';
import type { Clock } from '../clock/Clock';
import { RateLimitedError } from '../errors/RateLimitedError';
import { RateLimitStoreDownError } from '../errors/RateLimitStoreDownError';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { RateLimitSettings } from './RateLimitSettings';
import { RATE_LIMIT_STORE, type RateLimitStore } from './RateLimitStore';
import { rateLimitStates } from './rateLimitStates';
import { SlidingWindow } from './SlidingWindow';
import { SlotQueue, type TakeSlot } from './SlotQueue';

/**
 * `@RateLimit`: an attempt starts once it holds a slot of the method's (or its key's) window —
 * in this process's memory, or in the `RATE_LIMIT_STORE` shared by several processes. In `wait`
 * mode it queues for one; in `reject` mode, or past `maxWait`, it fails with `RateLimitedError`.
 */
export class RateLimitStage implements Invoker {
  private readonly limits: Map<string | undefined, SlotQueue>;
  /** The one limit of a method without `key`, looked up once. */
  private readonly single: SlotQueue | undefined;
  /** `@RateLimit on Class.method`, for errors about a `key` function. */
  private readonly site: string;
  private readonly store: RateLimitStore | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    services: Services,
  ) {
    this.site = `@RateLimit on ${method.label}`;
    this.clock = services.clock;
    const { container } = services;
    this.store = container.isRegistered(RATE_LIMIT_STORE, true) ? container.resolve(RATE_LIMIT_STORE) : undefined;
    this.limits = rateLimitStates(container).of(settings);
    this.single = settings.key === undefined ? this.limitFor(undefined) : undefined;
  }

  async invoke(call: Call): Promise<unknown> {
    const key = this.single === undefined ? partitionOf(this.site, this.settings.key!, call) : undefined;
    const limit = this.single ?? this.limitFor(key);
    if (this.settings.mode === 'reject') {
      const wait = await limit.tryTake();
      if (wait > 0) throw this.refused(key, wait);
    } else {
      const startedAt = this.clock.now();
      await limit.acquire(call.current.signal, this.settings.maxWaitMs, (wait) => this.refused(key, wait));
      const waitedMs = this.clock.now() - startedAt;
      if (waitedMs > 0) logEvent(this.method, 'debug', 'ratelimit.waited', `${this.method.label} waited ${waitedMs} ms for a rate-limit slot`, { key, waitedMs });
    }
    return this.next.invoke(call);
  }

  private limitFor(key: string | undefined): SlotQueue {
    let limit = this.limits.get(key);
    if (limit === undefined) {
      const { limit: most, perMs } = this.settings;
      const identity = { name: this.method.label, key, limit: most, perMs, shared: this.store !== undefined };
      limit = new SlotQueue(this.slotSource(key), this.clock, identity);
      this.limits.set(key, limit);
    }
    return limit;
  }

  /** Where one limit's slots come from: a window in memory, or the shared store. */
  private slotSource(key: string | undefined): TakeSlot {
    const { limit, perMs } = this.settings;
    const store = this.store;
    if (store === undefined) {
      const window = new SlidingWindow(limit, perMs);
      return () => window.take(this.clock.now());
    }
    const request = { key: key === undefined ? this.method.label : `${this.method.label}:${key}`, limit, perMs };
    let down = false;
    return async () => {
      try {
        const wait = await store.take(request);
        if (down) {
          down = false;
          logEvent(this.method, 'info', 'ratelimit.store_recovered', `${this.site}: the rate-limit store answers again`, { key });
        }
        return wait;
      } catch (error) {
        if (!down) {
          down = true;
          this.storeDown(key, error);
        }
        if (this.settings.onStoreDown === 'allow') return 0;
        throw new RateLimitStoreDownError(this.method.label, key, error);
      }
    };
  }

  private storeDown(key: string | undefined, error: unknown): void {
    const allow = this.settings.onStoreDown === 'allow';
    const then = allow ? 'calls run unlimited (onStoreDown: allow)' : 'calls are rejected (onStoreDown: reject)';
    logEvent(this.method, 'error', 'ratelimit.store_down', `${this.site}: cannot reach the rate-limit store (${errorMessage(error)}); ${then} until it answers`, {
      key,
      onStoreDown: this.settings.onStoreDown,
      code: errorLabel(error),
    });
  }

  private refused(key: string | undefined, retryAfterMs: number): RateLimitedError {
    const { limit, perMs, mode } = this.settings;
    const error = new RateLimitedError(this.method.label, key, limit, perMs, retryAfterMs);
    logEvent(this.method, 'warn', 'ratelimit.rejected', error.message, { key, limit, perMs, mode, retryAfterMs });
    return error;
  }
}
