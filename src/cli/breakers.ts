import { errorMessage } from '../matching/errorFacts';
import { type CommandInput, type Output, required, stringOption } from './commands';
import { CliFailure, EXIT } from './exitCodes';

/** Where `mendkit breakers` looks for the scheduler's HTTP server when not told. */
export const BREAKERS_DEFAULT_URL = 'http://127.0.0.1:9464';

/** How long the server gets to answer, in ms. */
const REQUEST_TIMEOUT_MS = 10_000;

/** A breaker as the server's API shows it. */
interface BreakerJson {
  readonly name: string;
  readonly key: string | null;
  readonly state: string;
  readonly failures: number;
  readonly halfOpenAt: string | null;
}

const ORDERS = { isolate: 'isolated', reset: 'reset' } as const;

/** `--token`, else `MENDKIT_HTTP_TOKEN`. */
function tokenOf(input: CommandInput): string | undefined {
  const token = stringOption(input, 'token') ?? process.env.MENDKIT_HTTP_TOKEN;
  return token === '' ? undefined : token;
}

/**
 * One request to the scheduler's server.
 * @throws CliFailure saying what to do: start the server, pass a token, check the breaker's name.
 */
async function request(base: string, path: string, token: string | undefined, order?: object): Promise<{ breakers: BreakerJson[] }> {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new CliFailure(EXIT.usage, `--url: '${base}' is not a URL; e.g. ${BREAKERS_DEFAULT_URL}`);
  }
  let response: Response;
  try {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const body = order === undefined ? undefined : JSON.stringify(order);
    if (body !== undefined) headers['content-type'] = 'application/json';
    response = await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const why = errorMessage((error as { cause?: unknown }).cause ?? error);
    throw new CliFailure(EXIT.serverUnreachable, `cannot reach the scheduler at ${url.origin} (${why}); is it running with 'mendkit start <module> --http <address>'? (--url)`);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; breakers?: BreakerJson[] };
  if (response.ok && Array.isArray(body.breakers)) return { breakers: body.breakers };
  const said = body.error ?? `HTTP ${response.status}`;
  if (response.status === 401 || response.status === 403) {
    const hint = token === undefined ? 'pass the server\'s token with --token or MENDKIT_HTTP_TOKEN' : 'check the token (--token or MENDKIT_HTTP_TOKEN)';
    throw new CliFailure(EXIT.refused, `the scheduler refused: ${said}; ${hint}`);
  }
  if (response.status === 404 && order !== undefined && said.startsWith('no circuit breaker')) throw new CliFailure(EXIT.unknownBreaker, said);
  if (response.status === 400) throw new CliFailure(EXIT.usage, said);
  throw new CliFailure(EXIT.serverUnreachable, `${url.href}: ${said}; is --url a mendkit scheduler with breakers?`);
}

/** The breakers as a table: name, key, state, failures, next probe. */
function table(breakers: readonly BreakerJson[]): string[] {
  if (breakers.length === 0) return ['no circuit breaker has run yet'];
  const rows = [['NAME', 'KEY', 'STATE', 'FAILURES', 'NEXT PROBE'], ...breakers.map((b) => [b.name, b.key ?? '-', b.state, String(b.failures), b.halfOpenAt ?? '-'])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

/**
 * `mendkit breakers [isolate|reset <name>] [--key k] [--url u] [--token t] [--json]`: lists the
 * running scheduler's circuit breakers, or isolates or resets one, over its HTTP server.
 */
export async function breakers(input: CommandInput, io: Output): Promise<number> {
  const base = stringOption(input, 'url') ?? BREAKERS_DEFAULT_URL;
  const token = tokenOf(input);
  const [action] = input.positionals;
  let result: { breakers: BreakerJson[] };
  if (action === undefined) {
    result = await request(base, '/api/breakers', token);
  } else if (action === 'isolate' || action === 'reset') {
    const name = required(input, 1, 'the breaker name (Class.method)', `breakers ${action}`);
    const key = stringOption(input, 'key');
    result = await request(base, `/api/breakers/${action}`, token, key === undefined ? { name } : { name, key });
    if (input.options.json !== true) {
      for (const breaker of result.breakers) io.out(`${ORDERS[action]} ${breaker.name}${breaker.key === null ? '' : ` [${breaker.key}]`}: now ${breaker.state}`);
      return EXIT.ok;
    }
  } else {
    throw new CliFailure(EXIT.usage, `breakers: unknown action '${action}'; actions: isolate, reset (none lists them)`);
  }
  if (input.options.json === true) io.out(JSON.stringify(result.breakers));
  else for (const line of table(result.breakers)) io.out(line);
  return EXIT.ok;
}
