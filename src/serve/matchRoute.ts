/**
 * Matches `path` against a route pattern: literal segments, `:name` segments (one segment each)
 * and a final `*` (the rest, possibly empty). Returns the captured values, or undefined.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const wanted = pattern.split('/');
  const given = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i += 1) {
    const segment = wanted[i];
    if (segment === '*' && i === wanted.length - 1) {
      params['*'] = given.slice(i).map(decode).join('/');
      return params;
    }
    const value = given[i];
    if (value === undefined) return undefined;
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      params[segment.slice(1)] = decode(value);
    } else if (segment !== value) {
      return undefined;
    }
  }
  return given.length === wanted.length ? params : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is left as written: it then matches nothing known
  }
}
