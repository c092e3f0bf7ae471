import { ConfigError } from '../errors/ConfigError';

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `a function`;
  return String(value);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Refuses keys that are not options, so a typo such as `attemps` fails loudly instead of
 * silently meaning the default.
 * @throws ConfigError naming the unknown key and the closest known one.
 */
export function checkKnownKeys(site: string, options: object, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const closest = allowed.find((candidate) => distance(key, candidate) <= 2);
    throw new ConfigError(
      `${site}: unknown option \`${key}\`` +
        (closest ? ` (did you mean \`${closest}\`?)` : '') +
        `; known options: ${allowed.join(', ')}`,
    );
  }
}

/** @throws ConfigError unless `options` is a plain object (or undefined). */
export function checkOptionsObject(site: string, options: unknown): void {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new ConfigError(`${site}: options must be an object, got ${show(options)}`);
  }
}

/** @throws ConfigError unless `value` is a finite number ≥ 0 (undefined passes). */
export function checkNonNegative(site: string, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${site}: \`${field}\` must be a finite number ≥ 0, got ${show(value)}`);
  }
}

/** @throws ConfigError unless `value` is a finite number > 0 (undefined passes). */
export function checkPositive(site: string, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${site}: \`${field}\` must be a finite number > 0, got ${show(value)}`);
  }
}

/** @throws ConfigError unless `value` is an integer ≥ `min` (undefined passes). */
export function checkInteger(site: string, field: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(`${site}: \`${field}\` must be an integer ≥ ${min}, got ${show(value)}`);
  }
}

/** @throws ConfigError unless `value` is a function (undefined passes). */
export function checkFunction(site: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new ConfigError(`${site}: \`${field}\` must be a function, got ${show(value)}`);
  }
}

/** @throws ConfigError when both bounds are given and `min` exceeds `max`. */
export function checkRange(site: string, min: number | undefined, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max) {
    throw new ConfigError(`${site}: \`min\` (${min}) is greater than \`max\` (${max})`);
  }
}

/** @throws ConfigError unless `value` is one of `allowed` (undefined passes). */
export function checkOneOf(site: string, field: string, value: unknown, allowed: readonly unknown[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new ConfigError(`${site}: \`${field}\` must be one of ${allowed.map(show).join(', ')}, got ${show(value)}`);
  }
}

/**
 * @param owner the prototype (or, for a static method, the class), complete: methods are all on
 * it by then, inherited ones included.
 * @throws ConfigError unless `name` is a method of the class, naming it as the `role` (`handler`…).
 */
export function checkMethodOf(site: string, owner: object, name: string, role: string): void {
  if (typeof (owner as Record<string, unknown>)[name] !== 'function') {
    throw new ConfigError(`${site}: the ${role} \`${name}\` is not a method of the class`);
  }
}
