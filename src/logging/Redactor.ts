import type { SecretName } from './namedValues';
import { redactText } from './redactText';
import { isSecretKey, normaliseKey, REDACTED } from './secrets';
import { serializeError } from './serializeError';

/** A value as it goes into a log line: plain JSON. */
export type LogValue = string | number | boolean | null | LogValue[] | { [key: string]: LogValue };

/** What to redact beyond mendkit's built-in secret keys and shapes. */
export interface RedactOptions {
  /**
   * More secret key words, matched like the built-in ones (any case and separator, anywhere in
   * the key, in objects and in text): `['ssn', 'iban']` also hides `customer_ssn` and
   * `iban=DE89…`. @default []
   */
  readonly keys?: readonly string[];
  /**
   * Field paths to hide, dot-separated from the line's top level; `*` stands for any one key or
   * index: `['args.user.email', 'args.*.phone']`. @default []
   */
  readonly paths?: readonly string[];
}

/** Longest string kept whole, in characters; longer ones are cut and say their length. */
export const MAX_STRING_LENGTH = 2000;
/** How far past the cut a long string is still searched for secrets. */
const CUT_MARGIN = 512;
/** The run of characters a cut can fall in: a secret has none of these delimiters inside. */
const CUT_WORD = /[^\s,;&"'`{}[\]()<>]+$/;
/** The longest string taken for the name of a `[name, value]` pair. */
const MAX_NAME_LENGTH = 100;
/** Deepest nesting kept; deeper values become `'[Too deep]'`. */
export const MAX_DEPTH = 12;
/** Most items kept from an array, Map, Set or object. */
export const MAX_ITEMS = 100;

function isBinary(value: object): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/** Objects that hold `[name, value]` entries rather than properties. */
function entryPairs(value: object): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (typeof Headers !== 'undefined' && value instanceof Headers) return [...value.entries()];
  if (value instanceof URLSearchParams) return [...value.entries()];
  if (typeof FormData !== 'undefined' && value instanceof FormData) return [...value.entries()];
  return undefined;
}

/** The key of a `{ name, value }` object's value (HAR headers, ECS environment, `setHeader(name, value)` arguments). */
function valueKeyOf(out: { [key: string]: LogValue }): string | undefined {
  if ('value' in out) return 'value';
  return 'Value' in out ? 'Value' : undefined;
}

function nameOf(out: { [key: string]: LogValue }): LogValue | undefined {
  return out.name ?? out.Name ?? out.key ?? out.Key ?? out.header;
}

/**
 * Turns any value into plain JSON that is safe to log: secrets under secret keys, paired with
 * secret names or in secret shapes become `[REDACTED]`; cycles, BigInts, buffers, huge strings
 * and throwing getters become short markers. Never throws. Cleaning a cleaned value changes
 * nothing. One instance per logger, made once.
 */
export class Redactor {
  private readonly extraWords: readonly string[];
  /** Key → whether it names a secret: lines repeat the same few keys, checked on every line. */
  private readonly secretKeys = new Map<string, boolean>();
  private readonly paths: readonly (readonly string[])[];

  constructor(options: RedactOptions = {}) {
    this.extraWords = (options.keys ?? []).map(normaliseKey);
    this.paths = (options.paths ?? []).map((path) => path.split('.'));
  }

  /** Whether a name found in text labels a secret: a secret key, or `key` as a query parameter. */
  readonly isSecretName: SecretName = (name, before) =>
    this.isSecret(name) || ((before === '?' || before === '&') && name.toLowerCase() === 'key');

  /** The secrets in a string replaced, the string cut to at most {@link MAX_STRING_LENGTH}. */
  text(value: string): string {
    if (value.length <= MAX_STRING_LENGTH) return redactText(value, this.isSecretName);
    const suffix = `… [truncated, ${value.length} chars]`;
    // Redact a little past the cut, so a secret straddling it is still recognised whole.
    const redacted = redactText(value.slice(0, MAX_STRING_LENGTH + CUT_MARGIN), this.isSecretName);
    let kept = redacted.slice(0, MAX_STRING_LENGTH - suffix.length);
    // A word the cut falls in may be the first half of a secret too long to recognise.
    if (kept.length < redacted.length && CUT_WORD.test(kept) && CUT_WORD.test(redacted.slice(0, kept.length + 1))) {
      kept = kept.replace(CUT_WORD, REDACTED);
    }
    return kept + suffix;
  }

  /** The fields of one log line, cleaned; `path` is where they sit in the line. */
  fields(fields: object, path: readonly string[] = []): { [key: string]: LogValue } {
    return this.entries(Object.keys(fields), (key) => (fields as Record<string, unknown>)[key], path, 0, new Set());
  }

  /** One value, cleaned. */
  clean(value: unknown): LogValue {
    return this.walk(value, [], 0, new Set());
  }

  private walk(value: unknown, path: readonly string[], depth: number, seen: Set<object>): LogValue {
    switch (typeof value) {
      case 'string':
        return this.text(value);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return `${value}n`;
      case 'undefined':
        return null;
      case 'symbol':
        return value.toString();
      case 'function':
        return `[Function ${value.name || 'anonymous'}]`;
    }
    if (value === null) return null;
    const object = value as object;
    if (seen.has(object)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Too deep]';
    try {
      seen.add(object);
      return this.walkObject(object, path, depth, seen);
    } catch (error) {
      return `[Unserialisable: ${error instanceof Error ? error.message : String(error)}]`;
    } finally {
      seen.delete(object);
    }
  }

  private walkObject(object: object, path: readonly string[], depth: number, seen: Set<object>): LogValue {
    if (isBinary(object)) return `<Buffer ${object.byteLength} bytes>`;
    if (object instanceof Error) return this.fields(serializeError(object), path);
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    const pairs = entryPairs(object);
    if (pairs !== undefined) return this.pairs(pairs, path, depth, seen);
    if (object instanceof Set) object = [...object];
    if (Array.isArray(object)) return this.array(object as unknown[], path, depth, seen);
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return this.walk(toJSON.call(object), path, depth + 1, seen);
    const record = object as Record<string, unknown>;
    return this.entries(Object.keys(record), (key) => record[key], path, depth, seen);
  }

  /**
   * An array's items; an array of `[name, value]` pairs, nested (`Object.entries(headers)`) or
   * flat (Node's `rawHeaders`), has the values of secret names replaced.
   */
  private array(array: unknown[], path: readonly string[], depth: number, seen: Set<object>): LogValue {
    const kept = array.slice(0, MAX_ITEMS);
    const paired = kept.length % 2 === 0 && kept.every((item, i) => i % 2 === 1 || typeof item === 'string');
    const items = kept.map((item, i) =>
      paired && i % 2 === 1 && this.isSecretPairName(kept[i - 1] as string)
        ? REDACTED
        : this.walk(item, this.at(path, String(i)), depth + 1, seen),
    );
    if (array.length > MAX_ITEMS) items.push(`… ${array.length - MAX_ITEMS} more items`);
    return items;
  }

  private isSecretPairName(name: string): boolean {
    return name.length <= MAX_NAME_LENGTH && this.isSecret(name);
  }

  private pairs(pairs: [unknown, unknown][], path: readonly string[], depth: number, seen: Set<object>): LogValue {
    const map = new Map(pairs.map(([key, value]) => [String(key), value]));
    return this.entries([...map.keys()], (key) => map.get(key), path, depth, seen);
  }

  private entries(
    keys: string[],
    get: (key: string) => unknown,
    path: readonly string[],
    depth: number,
    seen: Set<object>,
  ): { [key: string]: LogValue } {
    const out: { [key: string]: LogValue } = {};
    for (const key of keys.slice(0, MAX_ITEMS)) {
      const at = this.at(path, key);
      if (this.hides(key, at)) {
        out[key] = REDACTED;
        continue;
      }
      let value: unknown;
      try {
        value = get(key);
      } catch (error) {
        out[key] = `[Thrown: ${this.text(error instanceof Error ? error.message : String(error))}]`;
        continue;
      }
      // As in JSON, an undefined field is left out.
      if (value !== undefined) out[key] = this.walk(value, at, depth + 1, seen);
    }
    if (keys.length > MAX_ITEMS) out['…'] = `${keys.length - MAX_ITEMS} more keys`;
    const valueKey = valueKeyOf(out);
    if (valueKey !== undefined) {
      const name = nameOf(out);
      if (typeof name === 'string' && this.isSecretPairName(name)) out[valueKey] = REDACTED;
    }
    return out;
  }

  /**
   * Whether a field of the line's top level named `key` is hidden whole, whatever its value: how a
   * line whose values mendkit made itself (numbers, its own names) learns, once, that cleaning it
   * could change nothing.
   */
  hidesField(key: string): boolean {
    return this.hides(key, [key]);
  }

  /** Whether the field `key`, at `at`, is hidden whole: a secret key, or a configured path. */
  private hides(key: string, at: readonly string[]): boolean {
    return this.isSecret(key) || (this.paths.length > 0 && this.hidden(at));
  }

  private isSecret(key: string): boolean {
    let secret = this.secretKeys.get(key);
    if (secret === undefined) {
      secret = isSecretKey(key, this.extraWords);
      // Bounded: keys built from data (ids as keys) must not grow it without end.
      if (this.secretKeys.size < 1024) this.secretKeys.set(key, secret);
    }
    return secret;
  }

  /** The path one level down; tracked only when paths are configured. */
  private at(path: readonly string[], key: string): readonly string[] {
    return this.paths.length > 0 ? [...path, key] : path;
  }

  private hidden(path: readonly string[]): boolean {
    return this.paths.some(
      (pattern) => pattern.length === path.length && pattern.every((part, i) => part === '*' || part === path[i]),
    );
  }
}
