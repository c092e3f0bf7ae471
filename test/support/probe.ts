// Run by ./requires in a child process: `node probe.js redis|postgres URL` prints nothing when the
// service answers, else one line saying why not. (A child, because test files declare their
// suites synchronously and a connection is asynchronous.)
import { Redis } from 'ioredis';
import { Client } from 'pg';

const TIMEOUT_MS = 3000;

async function redis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: TIMEOUT_MS });
  let cause: unknown;
  client.on('error', (error: unknown) => (cause = error)); // says why better than "Connection is closed"
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}

async function postgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

const [kind, url = ''] = process.argv.slice(2);
const probe = kind === 'redis' ? redis : postgres;
probe(url).then(
  () => process.exit(0),
  (error: unknown) => {
    const { code, message } = error as { code?: string; message?: string };
    const why = message === undefined || message === '' ? (code ?? String(error)) : code === undefined || message.includes(code) ? message : `${code}: ${message}`;
    process.stdout.write(why.split('\n')[0]!);
    process.exit(0);
  },
);
