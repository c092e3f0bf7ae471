import path from 'node:path';
import type { PerfMap } from './perfMap';

/** Names longer than this are cut: template-heavy C++ names would swamp the table. */
const MAX_NAME = 80;

/**
 * The name a row of the attribution groups under, for one `file:function [object]` that
 * callgrind_annotate prints. JIT code, which callgrind knows only as `???:0x…`, is named through
 * V8's perf map: `JS:name file:line:column` with the tier marker (`~`, `^`, `+`, `*`) dropped so
 * that every tier of a function adds up in one row, and paths relative to `root`. Builtins are
 * `Builtins_Name` whether they ran from the binary or from a copy in the code space. Other
 * native code is its name without the parameter list, with `[C++]` (or the library it came from).
 */
export function functionName(annotated: string, map: PerfMap, root: string): string {
  const jit = /^\?\?\?:0x([0-9a-f]+) \[\?\?\?\]$/i.exec(annotated);
  if (jit !== null) {
    const name = map.lookup(parseInt(jit[1]!, 16));
    return name === undefined ? 'JIT:unknown' : jitName(name, root);
  }
  return nativeName(annotated);
}

function jitName(name: string, root: string): string {
  const builtin = /^Builtin:(.+)$/.exec(name);
  if (builtin !== null) return `Builtins_${builtin[1]!}`;
  return name
    .replace(/^(\w+):[~^+*]/, '$1:')
    .split(`${root}${path.sep}`)
    .join('')
    .replace(/ node:/g, ' ');
}

function nativeName(annotated: string): string {
  const objectMatch = / \[([^\]]*)\]$/.exec(annotated);
  const object = objectMatch === null ? '' : path.basename(objectMatch[1]!);
  const withoutObject = objectMatch === null ? annotated : annotated.slice(0, objectMatch.index);
  // The file part ends at the first colon; C++ names have `::` only after it.
  const fn = withoutObject.replace(/^[^:]*:/, '').replace(/\(anonymous namespace\)/g, '{anonymous}');
  const name = fn.replace(/\(.*$/, '').slice(0, MAX_NAME);
  if (name.startsWith('Builtins_')) return name;
  return object === '' || object === 'node' ? `${name} [C++]` : `${name} [${object}]`;
}
