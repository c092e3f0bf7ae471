/**
 * `Symbol.metadata`: the key of the object where standard decorators leave a class's metadata
 * (`Class[Symbol.metadata]`, `context.metadata` while decorating). Node 20 to 24 lack it, and
 * TypeScript's output hands decorators no `context.metadata` without it, so mendkit installs it
 * when it loads — before any class that imports its decorators is defined — as TypeScript's
 * release notes show, choosing `Symbol.for('Symbol.metadata')`: the symbol esbuild falls back to,
 * so classes compiled by either agree.
 */
export const SYMBOL_METADATA: symbol = ((Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata'));

/** The decorator metadata object a class owns (not one it inherits), if standard decorators gave it one. */
export function ownDecoratorMetadata(cls: object): object | undefined {
  if (!Object.hasOwn(cls, SYMBOL_METADATA)) return undefined;
  const metadata: unknown = (cls as Record<symbol, unknown>)[SYMBOL_METADATA];
  return typeof metadata === 'object' && metadata !== null ? metadata : undefined;
}
