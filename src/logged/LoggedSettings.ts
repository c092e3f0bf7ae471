import { checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { LoggedOptions } from './LoggedOptions';
import { type ParameterList, parameterNames } from './parameterNames';

/** `@Logged`'s options, checked, with the logged arguments resolved to positions. */
export interface LoggedSettings {
  /** Each logged argument's position and the name it is logged under. */
  readonly args: readonly (readonly [index: number, name: string])[];
  /** Also log arguments past the declared parameters (`arg2`…), when `args: true`. */
  readonly extraArgs: boolean;
  /** The position of a rest parameter among `args`, logged as an array of what it collected. */
  readonly restIndex: number | undefined;
  readonly result: boolean;
}

/** `@Logged`'s defaults. */
export const LOGGED_DEFAULTS = Object.freeze({ args: true, result: false });

function checkArgs(site: string, args: unknown, parameters: ParameterList): void {
  if (args === undefined || typeof args === 'boolean') return;
  if (!Array.isArray(args) || args.some((name) => typeof name !== 'string')) {
    throw new ConfigError(`${site}: \`args\` must be true, false or an array of parameter names, got ${String(args)}`);
  }
  for (const name of args as string[]) {
    if (!parameters.names.includes(name)) {
      throw new ConfigError(
        `${site}: \`args\` names \`${name}\`, which is not a parameter of the method` +
          ` (parameters: ${parameters.names.join(', ') || 'none'})`,
      );
    }
  }
}

/**
 * Checks `@Logged`'s options against the method they decorate.
 * @param method the undecorated method, whose parameter names `args` refers to.
 * @throws ConfigError naming `site` and the field at fault: an unknown option, a bad value, or
 * an `args` name that is not a parameter.
 */
export function loggedSettings(
  site: string,
  method: (...args: never[]) => unknown,
  options: LoggedOptions = {},
): LoggedSettings {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['args', 'result']);
  checkOneOf(site, 'result', options.result, [true, false]);
  const parameters = parameterNames(method);
  checkArgs(site, options.args, parameters);
  const args = options.args ?? LOGGED_DEFAULTS.args;
  const wanted = args === true ? parameters.names : args === false ? [] : args;
  const restIndex = parameters.rest ? parameters.names.length - 1 : undefined;
  return {
    args: wanted.map((name) => [parameters.names.indexOf(name), name] as const),
    extraArgs: args === true && !parameters.rest,
    restIndex,
    result: options.result ?? LOGGED_DEFAULTS.result,
  };
}
