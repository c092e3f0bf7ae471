import { checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject, checkPositive } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { errorMessage } from '../matching/errorFacts';
import { CronSchedule } from './CronSchedule';
import type { JobOptions, WatchOptions } from './JobOptions';
import { parseDuration } from './parseDuration';

/** A job's trigger, checked. */
export type TriggerSettings =
  | { readonly kind: 'cron'; readonly schedule: CronSchedule }
  | { readonly kind: 'every'; readonly ms: number }
  | { readonly kind: 'watch'; readonly path: string; readonly debounceMs: number; readonly pollIntervalMs: number };

/** `@Job`'s options, checked and with every default filled in. */
export interface JobSettings {
  readonly name: string;
  readonly trigger: TriggerSettings;
  readonly overlap: 'skip' | 'queue';
  readonly runOnStart: boolean;
  readonly timeoutMs: number | undefined;
  readonly catchUp: boolean;
}

/** `@Job`'s defaults. */
export const JOB_DEFAULTS = Object.freeze({
  overlap: 'skip' as const,
  runOnStart: false,
  catchUp: false,
  debounceMs: 200,
  pollIntervalMs: 1000,
});

const KEYS = ['name', 'cron', 'timezone', 'every', 'watch', 'overlap', 'runOnStart', 'timeoutMs', 'catchUp'];
const TRIGGERS = ['cron', 'every', 'watch'] as const;
/** Control characters (C0, DEL, C1) and Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function cronTrigger(site: string, options: Record<string, unknown>): TriggerSettings {
  const { cron, timezone } = options;
  if (typeof cron !== 'string') throw new ConfigError(`${site}: \`cron\` must be a string such as '0 3 * * *'`);
  if (timezone !== undefined && typeof timezone !== 'string') {
    throw new ConfigError(`${site}: \`timezone\` must be an IANA time zone name such as 'Europe/Paris'`);
  }
  try {
    return { kind: 'cron', schedule: new CronSchedule(cron, timezone) };
  } catch (error) {
    throw new ConfigError(`${site}: invalid \`cron\` '${cron}'${timezone ? ` in time zone '${timezone}'` : ''}: ${errorMessage(error)}`);
  }
}

function watchTrigger(site: string, watch: unknown): TriggerSettings {
  const options: WatchOptions = typeof watch === 'string' ? { path: watch } : (watch as WatchOptions);
  checkOptionsObject(`${site}: \`watch\``, options);
  checkKnownKeys(`${site}: \`watch\``, options, ['path', 'debounceMs', 'pollIntervalMs']);
  if (typeof options.path !== 'string' || options.path === '') {
    throw new ConfigError(`${site}: \`watch\` needs a \`path\` (a non-empty string)`);
  }
  checkInteger(site, 'watch.debounceMs', options.debounceMs, 0);
  checkInteger(site, 'watch.pollIntervalMs', options.pollIntervalMs, 1);
  return {
    kind: 'watch',
    path: options.path,
    debounceMs: options.debounceMs ?? JOB_DEFAULTS.debounceMs,
    pollIntervalMs: options.pollIntervalMs ?? JOB_DEFAULTS.pollIntervalMs,
  };
}

function trigger(site: string, options: Record<string, unknown>): TriggerSettings {
  const given = TRIGGERS.filter((key) => options[key] !== undefined);
  if (given.length !== 1) {
    throw new ConfigError(
      `${site}: a job needs exactly one trigger — \`cron\`, \`every\` or \`watch\` — ` +
        (given.length === 0 ? 'and has none' : `but has ${given.map((key) => `\`${key}\``).join(' and ')}`),
    );
  }
  if (given[0] !== 'cron') {
    for (const key of ['timezone', 'catchUp']) {
      if (options[key] !== undefined) throw new ConfigError(`${site}: \`${key}\` applies to \`cron\` jobs only`);
    }
  }
  if (given[0] === 'cron') return cronTrigger(site, options);
  if (given[0] === 'watch') return watchTrigger(site, options.watch);
  const ms = parseDuration(options.every);
  if (ms === undefined) {
    throw new ConfigError(`${site}: \`every\` must be ms > 0 or a duration such as '30s', '5m', '1h', got ${JSON.stringify(options.every)}`);
  }
  return { kind: 'every', ms };
}

/**
 * Checks `@Job`'s options and fills in the defaults.
 * @throws ConfigError naming the job (or its class, before the name is known) and the field.
 */
export function jobSettings(className: string, options: JobOptions): JobSettings {
  let site = `@Job on ${className}`;
  checkOptionsObject(site, options);
  if (options === undefined) throw new ConfigError(`${site}: options are required: @Job({ name, cron | every | watch })`);
  const bag = options as unknown as Record<string, unknown>;
  if (typeof bag.name !== 'string' || bag.name.trim() === '') {
    throw new ConfigError(`${site}: \`name\` is required (a non-empty string): the CLI and the run history use it`);
  }
  // The name goes into log lines, file and Redis keys, and terminal output, all one line each.
  if (CONTROL.test(bag.name)) {
    const shown = bag.name.replace(new RegExp(CONTROL, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    throw new ConfigError(`${site}: \`name\` '${shown}' has a control character or line break; use printable characters`);
  }
  site = `@Job('${bag.name}') on ${className}`;
  checkKnownKeys(site, options, KEYS);
  checkOneOf(site, 'overlap', bag.overlap, ['skip', 'queue']);
  checkOneOf(site, 'runOnStart', bag.runOnStart, [true, false]);
  checkOneOf(site, 'catchUp', bag.catchUp, [true, false]);
  checkPositive(site, 'timeoutMs', bag.timeoutMs);
  return {
    name: bag.name,
    trigger: trigger(site, bag),
    overlap: options.overlap ?? JOB_DEFAULTS.overlap,
    runOnStart: options.runOnStart ?? JOB_DEFAULTS.runOnStart,
    timeoutMs: options.timeoutMs,
    catchUp: options.catchUp ?? JOB_DEFAULTS.catchUp,
  };
}

function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms} ms`;
}

/** How a trigger reads in lists and logs, e.g. `cron '0 3 * * *' (Europe/Paris)`. */
export function describeTrigger(trigger: TriggerSettings): string {
  switch (trigger.kind) {
    case 'cron':
      return `cron '${trigger.schedule.expression}'${trigger.schedule.timezone ? ` (${trigger.schedule.timezone})` : ''}`;
    case 'every':
      return `every ${formatDuration(trigger.ms)}`;
    case 'watch':
      return `watch ${trigger.path}`;
  }
}
