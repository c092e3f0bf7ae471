import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/ConfigError';
import type { Fault } from './Fault';
import type { FaultInjectorOptions } from './FaultInjector';
import type { FaultRule } from './FaultRule';
import { FS_FAULT_CODES, faults, NETWORK_FAULT_CODES } from './faults';
import { MAX_SEED } from './seededRandom';

/** Option values as a spec writes them. */
type SpecOptions = Record<string, string | number | boolean>;

/** One rule as a spec writes it: a fault name, an optional rate, options. */
export interface FaultSpecRule {
  /** `ECONNRESET`, `http503`, `ENOENT`, `latency200`… */
  readonly fault: string;
  readonly rate?: number;
  readonly target?: string;
  readonly method?: string;
  readonly times?: number;
  /** The fault's own options (`fetch`, `retryAfter`, `path`…). */
  readonly [option: string]: unknown;
}

/** A parsed spec: rules whose rate may be left to the caller (`--rate`), and a seed. */
export interface FaultSpec {
  readonly rules: readonly FaultSpecRule[];
  readonly seed?: number;
}

const RULE_KEYS = new Set(['fault', 'rate', 'target', 'method', 'times']);
const NUMERIC = new Set(['rate', 'times', 'port', 'retryAfter', 'seed']);

function value(raw: string, key: string): string | number | boolean {
  if (raw === '' || raw === 'true') return true;
  if (raw === 'false') return false;
  if (NUMERIC.has(key) && /^\d+(\.\d+)?%?$/.test(raw)) return raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  return raw;
}

/** `ECONNRESET@0.2:fetch:target=ApiClient` → `{ fault: 'ECONNRESET', rate: 0.2, fetch: true, target: 'ApiClient' }`. */
function parseItem(item: string, where: string): FaultSpecRule {
  const [head = '', ...options] = item.split(':');
  const [fault = '', rate, extra] = head.split('@').map((part) => part.trim());
  if (fault === '' || extra !== undefined) {
    throw new ConfigError(`${where}: cannot read ${JSON.stringify(item)}; expected e.g. ECONNRESET@0.2`);
  }
  const rule: Record<string, unknown> = { fault };
  if (rate !== undefined) rule.rate = value(rate, 'rate');
  for (const option of options) {
    const [key = '', raw = ''] = option.split(/=(.*)/s).map((part) => part.trim());
    if (key === '') throw new ConfigError(`${where}: empty option in ${JSON.stringify(item)}`);
    rule[key] = value(raw, key);
  }
  return rule as FaultSpecRule;
}

/**
 * Reads the compact fault syntax: rules separated by `,`, each `FAULT[@RATE][:option=value]…`,
 * then optionally `;seed=N`. A spec that names a `.json` file (or starts with `/` or `.`) is read
 * from that file instead: `{ "seed": 42, "rules": [{ "fault": "http503", "rate": 0.1, "retryAfter": 1 }] }`.
 * @example parseFaultSpec('ECONNRESET@0.2,http503@0.1:retryAfter=1,latency200@0.05;seed=42')
 * @throws ConfigError naming what cannot be read.
 */
export function parseFaultSpec(text: string, where = 'MENDKIT_FAULTS'): FaultSpec {
  const spec = text.trim();
  if (spec === '') throw new ConfigError(`${where}: the fault spec is empty`);
  if (/^[./]/.test(spec) || spec.endsWith('.json')) return readSpecFile(spec, where);
  const [items = '', settings, extra] = spec.split(';');
  if (extra !== undefined) throw new ConfigError(`${where}: only one \`;\` may separate the rules from the settings`);
  const rules = items.split(',').map((item) => item.trim()).filter((item) => item !== '').map((item) => parseItem(item, where));
  if (rules.length === 0) throw new ConfigError(`${where}: no fault rules in ${JSON.stringify(spec)}`);
  if (settings === undefined) return { rules };
  const [key, raw] = settings.split('=').map((part) => part.trim());
  if (key !== 'seed' || raw === undefined) {
    throw new ConfigError(`${where}: unknown setting ${JSON.stringify(settings)}; expected seed=N`);
  }
  return { rules, seed: value(raw, 'seed') as number };
}

function readSpecFile(path: string, where: string): FaultSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${where}: cannot read the fault file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const { rules, seed } = (parsed ?? {}) as { rules?: unknown; seed?: unknown };
  if (!Array.isArray(rules) || rules.some((rule) => typeof rule !== 'object' || rule === null)) {
    throw new ConfigError(`${where}: ${path} must hold { "rules": [{ "fault": "ECONNRESET", "rate": 0.1 }, …] }`);
  }
  return seed === undefined ? { rules } : { rules, seed: seed as number };
}

/** The fault a spec names, e.g. `ECONNRESET`, `http503`, `ENOENT`, `latency200`. */
function faultNamed(name: string, options: SpecOptions, where: string): Fault {
  const http = /^http(\d{3})$/i.exec(name);
  if (http) return faults.http(Number(http[1]), options);
  const latency = /^latency(\d+)(ms)?$/i.exec(name);
  if (latency) {
    if (Object.keys(options).length > 0) throw new ConfigError(`${where}: ${name} takes no options`);
    return faults.latency(Number(latency[1]));
  }
  if (NETWORK_FAULT_CODES.includes(name)) return faults.network(name as never, options);
  if (FS_FAULT_CODES.includes(name)) return faults.fs(name as never, options);
  throw new ConfigError(
    `${where}: unknown fault ${JSON.stringify(name)}; known: ${[...NETWORK_FAULT_CODES, ...FS_FAULT_CODES].join(', ')}, ` +
      'httpNNN (e.g. http503), latencyMS (e.g. latency200)',
  );
}

/** Options of {@link faultInjectorOptions}. */
export interface SpecDefaults {
  /** The total rate shared evenly by the rules that give none. */
  readonly rate?: number;
  /** The seed, unless the spec names one. */
  readonly seed?: number;
}

/**
 * Turns a spec (see {@link parseFaultSpec}) into `FaultInjector` options.
 * @example new FaultInjector(faultInjectorOptions('ECONNRESET,http503', { rate: 0.3, seed: 7 }))
 * @throws ConfigError for a spec that cannot be read, an unknown fault or option, or a rule
 * without a rate when no default rate is given.
 */
export function faultInjectorOptions(
  text: string | FaultSpec,
  defaults: SpecDefaults = {},
  where = 'MENDKIT_FAULTS',
): FaultInjectorOptions {
  const spec = typeof text === 'string' ? parseFaultSpec(text, where) : text;
  const unrated = spec.rules.filter((rule) => rule.rate === undefined).length;
  const rules: FaultRule[] = spec.rules.map((rule, index) => {
    const { fault, rate, target, method, times, ...rest } = rule;
    const at = `${where}, rule ${index + 1} (${String(fault)})`;
    if (typeof fault !== 'string') throw new ConfigError(`${at}: \`fault\` must be a fault name`);
    for (const key of Object.keys(rest)) if (RULE_KEYS.has(key)) throw new ConfigError(`${at}: \`${key}\` given twice`);
    const share = defaults.rate === undefined ? undefined : defaults.rate / unrated;
    if (rate === undefined && share === undefined) throw new ConfigError(`${at}: no rate; write it as ${fault}@0.1`);
    if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
      throw new ConfigError(`${at}: the rate must be from 0 to 1 (or 0%–100%), got ${String(rate)}`);
    }
    const made: Record<string, unknown> = { fault: faultNamed(fault, rest as SpecOptions, at), rate: rate ?? share };
    if (target !== undefined) made.target = target;
    if (method !== undefined) made.method = method;
    if (times !== undefined) made.times = times;
    return made as unknown as FaultRule;
  });
  const seed = spec.seed ?? defaults.seed;
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    throw new ConfigError(`${where}: the seed must be an integer from 0 to ${MAX_SEED}, got ${String(seed)}`);
  }
  return seed === undefined ? { rules } : { rules, seed };
}
