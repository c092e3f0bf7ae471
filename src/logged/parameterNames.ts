/** A method's parameters as declared, read from its source. */
export interface ParameterList {
  /** Each parameter's name; a destructured one is named by position, `arg0`, `arg1`… */
  readonly names: readonly string[];
  /** Whether the last parameter is a rest parameter (`...items`). */
  readonly rest: boolean;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The text between the parentheses of the parameter list, split at its top-level commas. */
function topLevelParameters(source: string): string[] {
  const start = source.indexOf('(');
  if (start === -1) return IDENTIFIER.test(source.split('=>')[0]!.trim()) ? [source.split('=>')[0]!.trim()] : [];
  const parts: string[] = [];
  const closers: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i]!;
    if (quote !== undefined) {
      if (char === '\\') current += char + (source[++i] ?? '');
      else {
        if (char === quote) quote = undefined;
        current += char;
      }
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (OPENERS[char] !== undefined) closers.push(OPENERS[char]!);
    else if (closers.length > 0 && char === closers[closers.length - 1]) closers.pop();
    else if (char === ')') break;
    else if (char === ',' && closers.length === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * The parameter names of a function, from its source (compiled JavaScript: no types), so
 * `@Logged` can log arguments by name. Never throws: what it cannot read is named by position.
 * @example parameterNames(function (path, { retries } = {}, ...rest) {}) // { names: ['path', 'arg1', 'rest'], rest: true }
 */
export function parameterNames(fn: (...args: never[]) => unknown): ParameterList {
  let source: string;
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    return { names: [], rest: false };
  }
  let rest = false;
  const names = topLevelParameters(source).map((part, index) => {
    const isRest = part.startsWith('...');
    if (isRest) rest = true;
    const name = (isRest ? part.slice(3) : part).split('=')[0]!.trim();
    return IDENTIFIER.test(name) ? name : `arg${index}`;
  });
  return { names, rest };
}
