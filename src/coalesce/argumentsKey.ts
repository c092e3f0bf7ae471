import { ConfigError } from '../errors/ConfigError';

/**
 * A call's arguments as one string, equal exactly when the arguments are equal as data: object
 * keys in any order, `1` distinct from `'1'`, `undefined` from a missing key, `-0` from `0`.
 * Hand-written rather than a stable-JSON library because those turn what they cannot encode into
 * something that can collide (`{}` for every Map and class instance, `"[Circular]"`, `null` for
 * NaN), and a collision here would hand one call's result to a different call.
 * @throws ConfigError naming the argument that is not plain data, asking for a `key`.
 */
export function argumentsKey(site: string, args: readonly unknown[]): string {
  return args.map((arg, index) => encode(arg, site, `argument ${index}`, new Set())).join(',');
}

function encode(value: unknown, site: string, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'object':
      return value === null ? 'null' : encodeObject(value, site, path, open);
    default:
      throw refused(site, path, `a ${typeof value}`);
  }
}

function encodeObject(value: object, site: string, path: string, open: Set<object>): string {
  if (open.has(value)) throw refused(site, path, 'a circular reference');
  const isArray = Array.isArray(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) {
    const name = (prototype as { constructor?: { name?: string } }).constructor?.name;
    throw refused(site, path, `a ${name || 'class'} instance`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) throw refused(site, path, 'an object with symbol keys');
  open.add(value);
  try {
    if (isArray) return `[${Array.from(value as unknown[], (item, i) => encode(item, site, `${path}[${i}]`, open)).join(',')}]`;
    const fields = value as Record<string, unknown>;
    const entries = Object.keys(fields)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${encode(fields[name], site, `${path}.${name}`, open)}`);
    return `{${entries.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

function refused(site: string, path: string, what: string): ConfigError {
  return new ConfigError(
    `${site}: ${path} is ${what}, which cannot be keyed without risking sharing between different calls; ` +
      'give @Coalesce a `key` (a string, or a function of the arguments returning one)',
  );
}
