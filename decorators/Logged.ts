import type { LoggedOptions } from '../src/logged/LoggedOptions';
import { loggedSettings } from '../src/logged/LoggedSettings';
import { loggedDescriptor } from '../src/logged/loggedDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Logs each call through `LOGGER`: `call.start` (debug, with the arguments, redacted),
 * `call.success` (info, with `durationMs`), `call.failure` (error, with the error's code,
 * message, stack and cause chain). Gives the call a correlation id that every decorated call
 * made inside it inherits, across `await`s (through `AsyncLocalStorage`), so all lines of one
 * job run share it; `currentCall()` then works after `await`s too.
 * @example
 * \@Logged({ args: ['path'] })
 * \@Retry()
 * async export(path: string, token: string) { ... }
 * @throws ConfigError when the class is defined: an unknown option, a bad value, or an `args`
 * name that is not a parameter of the method.
 */
export function Logged(options?: LoggedOptions): MendkitMethodDecorator {
  return methodDecorator('Logged', (site) =>
    setOnce(site.metadata, loggedDescriptor.key, loggedSettings(site.label, site.method, options), site.label),
  );
}
