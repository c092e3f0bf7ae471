import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';

/** Options of {@link configure}. */
export interface ConfigureOptions {
  /** The container stages resolve their logger, clock and healers from. @default tsyringe's root container */
  readonly container?: DependencyContainer;
  /**
   * Carry the call context across `await`s (through `AsyncLocalStorage`), so `currentCall()`
   * works anywhere in a decorated method, not only before its first `await`. Off by default:
   * on Node 20 it slows every promise in the process. @default false
   */
  readonly asyncContext?: boolean;
  /**
   * Report metrics and traces through `@opentelemetry/api` when it is installed and an SDK is
   * registered (see docs/observability.md). `false` turns it off whatever is installed. Methods
   * check on their next call after `configure()`. @default true
   */
  readonly telemetry?: boolean;
}

/** What mendkit runs with now; `generation` changes on every {@link configure}. */
export interface Configuration {
  readonly container: DependencyContainer;
  readonly asyncContext: boolean;
  readonly telemetry: boolean;
  readonly generation: number;
}

let current: Configuration = { container: rootContainer, asyncContext: false, telemetry: true, generation: 0 };

/**
 * Points mendkit at a container (tests give each test its own child container) or turns on
 * async context. Methods pick the change up on their next call.
 * @example configure({ container: container.createChildContainer() })
 * @throws ConfigError for an unknown option or a value of the wrong type.
 */
export function configure(options: ConfigureOptions): void {
  const site = 'configure()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['container', 'asyncContext', 'telemetry']);
  checkOneOf(site, 'asyncContext', options.asyncContext, [true, false]);
  checkOneOf(site, 'telemetry', options.telemetry, [true, false]);
  if (options.container !== undefined && typeof options.container.resolve !== 'function') {
    throw new ConfigError(`${site}: \`container\` must be a tsyringe DependencyContainer`);
  }
  current = {
    container: options.container ?? current.container,
    asyncContext: options.asyncContext ?? current.asyncContext,
    telemetry: options.telemetry ?? current.telemetry,
    generation: current.generation + 1,
  };
}

/** The configuration in force. */
export function configuration(): Configuration {
  return current;
}
