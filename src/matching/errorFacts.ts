/** How deep matchers follow `cause`: deep enough for real wrappers, bounded against cycles. */
export const MAX_CAUSE_DEPTH = 8;

type Bag = Record<string, unknown>;

function isObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/** The `cause` of one link of a chain, if it can have one. */
export function causeOf(link: unknown): unknown {
  return isObject(link) ? link.cause : undefined;
}

/** The error itself, then its `cause`, its cause's cause…, at most {@link MAX_CAUSE_DEPTH} deep. */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < MAX_CAUSE_DEPTH) {
    if (chain.includes(current)) break;
    chain.push(current);
    current = causeOf(current);
  }
  return chain;
}

/**
 * The first non-undefined `pick(link)` along the cause chain, walked without allocating (it runs
 * on every failure). A cycle only repeats links until the depth bound, which changes no answer.
 */
export function findInChain<T>(error: unknown, pick: (link: unknown) => T | undefined): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    const found = pick(current);
    if (found !== undefined) return found;
    current = causeOf(current);
  }
  return undefined;
}

/** Whether `test` holds for some error along the cause chain. */
export function someInChain(error: unknown, test: (link: unknown) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    if (test(current)) return true;
    current = causeOf(current);
  }
  return false;
}

/** The `code` of one error (not its causes), when it is a string. */
export function ownCode(error: unknown): string | undefined {
  const code = isObject(error) ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function asStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599
    ? value
    : undefined;
}

/** The HTTP status one error carries, from `status`, `statusCode` or `response.status`. */
export function ownStatus(error: unknown): number | undefined {
  if (!isObject(error)) return undefined;
  return (
    asStatus(error.status) ??
    asStatus(error.statusCode) ??
    (isObject(error.response) ? asStatus(error.response.status) : undefined)
  );
}

/** The `name` of one error, when it has one. */
export function ownName(error: unknown): string | undefined {
  const name = isObject(error) ? error.name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** The first error code found along the cause chain. */
export function errorCode(error: unknown): string | undefined {
  return findInChain(error, ownCode);
}

/** The first HTTP status found along the cause chain. */
export function httpStatus(error: unknown): number | undefined {
  return findInChain(error, ownStatus);
}

/**
 * A short label for logs and attempt records: the first code along the chain, else
 * `HTTP_<status>`, else the error's name.
 */
export function errorLabel(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined) return code;
  const status = httpStatus(error);
  if (status !== undefined) return `HTTP_${status}`;
  return ownName(error) ?? typeof error;
}

/** The message of an error, or a string form of a thrown non-error. */
export function errorMessage(error: unknown): string {
  if (isObject(error) && typeof error.message === 'string') return error.message;
  return String(error);
}
