import type { Logger } from 'winston';
import type { CleanupStep } from '../call/CleanupOptions';

/** What a healer is told about the call whose failure it is asked to fix. */
export interface HealContext {
  /** The failed call's arguments. */
  readonly args: readonly unknown[];
  /** The failed call's `this`: the service instance (or the class, for a static method). */
  readonly thisArg: unknown;
  /** The number of the attempt that failed, from 1. */
  readonly attempt: number;
  /** How many heals this call has had so far (by any `@Heal` on the method). */
  readonly heals: number;
  /** `Class.method` of the failed call. */
  readonly method: string;
  /** The logger mendkit writes this call's lines to: log what the heal changed here. */
  readonly logger: Logger;
  /** The failed attempt's signal: aborted when that attempt was aborted (e.g. by `@Timeout`). */
  readonly signal: AbortSignal;
  /**
   * Registers a step that undoes what this heal changed. It runs only when the heal did not
   * help: the re-run failed with the same error (same code, syscall, path and destination; or
   * the same HTTP status) — then at once, with the re-run's own `onCleanup` steps, newest first:
   * before that error goes on and before any next heal. A step that throws is logged
   * (`cleanup.failure`).
   * @example const first = await mkdir(dir, { recursive: true }); if (first) context.onUndo(() => rm(first, { recursive: true }));
   */
  onUndo(step: CleanupStep): void;
}

/**
 * Fixes the condition behind an error so the call can be re-run at once. Healers are classes
 * resolved from the container, so they can inject their own dependencies; named by `@Heal`.
 * @example
 * \@injectable()
 * class RestartHelper implements Healer {
 *   constructor(private readonly helper: HelperProcess) {}
 *   matches(error: unknown) { return errorCode(error) === 'ECONNREFUSED'; }
 *   async heal() { await this.helper.restart(); }
 * }
 */
export interface Healer {
  /**
   * Whether this healer is for `error`. Called only on failures; keep it cheap and free of side
   * effects. Judge the error, not the state `heal` changes: a call that failed just before a
   * concurrent heal finished must still match, so it can be re-run (see `flightKey`); deciding
   * that there is nothing left to fix is `heal`'s job (throw).
   */
  matches(error: unknown, context: HealContext): boolean;
  /**
   * Fixes the cause. Resolving means "fixed: re-run the call"; throwing means "could not": the
   * original error goes on, with this error attached (see `healFailureOf`).
   */
  heal(error: unknown, context: HealContext): Promise<void>;
  /**
   * What cause `error` is, for single flight: concurrent calls whose failures have the same key
   * share one in-flight heal, and a call whose attempt started before that heal finished is
   * re-run without healing again. Return `undefined` (or leave this out) to heal every call on
   * its own. Keys are compared with `Map` semantics (a string, or the resource object itself).
   */
  flightKey?(error: unknown, context: HealContext): unknown;
}

/** A healer class, as `@Heal` names it. */
export type HealerClass = abstract new (...args: never[]) => Healer;
