import { inspect } from 'node:util';

/**
 * Secret shapes for redaction tests. Every part of every secret value contains `LEAK`, so a test
 * checks for zero leaks — a secret gone only in part included — by searching what was written
 * for it; {@link KEEP_CORPUS} values must come out unchanged.
 */
export interface SecretCase {
  readonly name: string;
  readonly value: unknown;
}

/** 36 characters a provider's token format accepts, marked. */
const MARKED_36 = 'LEAK0123456789abcdefghijklmnopqrstuv';

function pem(kind: string): string {
  return `-----BEGIN ${kind}-----\nMIIEowIBAAKCAQEA LEAK-body-1\nLEAK-body-2+/=\n-----END ${kind}-----`;
}

function withCause(message: string, cause: unknown): Error {
  return new Error(message, { cause });
}

function objectKeys(): SecretCase[] {
  const keys = [
    'password', 'passwd', 'passphrase', 'secret', 'token', 'apiKey', 'api_key', 'X-API-KEY', 'private_key', 'PRIVATE-KEY',
    'sessionId', 'refresh_token', 'accessToken', 'client_secret', 'Proxy-Authorization', 'pw', 'pwd', 'pass', 'auth', 'creds',
    'awsCreds', 'access_key', 'aws_secret_access_key', 'STRIPE_KEY', 'SSH_KEY', 'GITHUB_TOKEN', 'APP_SECRET', 'DB_PASS', 'dbPass',
    'basic_auth', 'x-amz-signature', 'signature', 'jwt', 'x-auth-token',
  ];
  return keys.map((key, i) => ({ name: `key ${key}`, value: { [key]: `LEAK-k${i}` } }));
}

function pairs(): SecretCase[] {
  const form = new FormData();
  form.append('password', 'LEAK-form');
  form.append('user', 'bob');
  return [
    { name: 'Object.entries(headers)', value: { headers: Object.entries({ host: 'h', authorization: 'Bearer LEAK-e1', 'x-api-key': 'LEAK-e2' }) } },
    { name: 'rawHeaders (flat)', value: { rawHeaders: ['Host', 'h', 'Authorization', 'Basic LEAK-r1', 'Cookie', 'sid=LEAK-r2'] } },
    { name: 'one [name, value] pair', value: ['x-api-key', 'LEAK-p1'] },
    { name: 'pair with an object value', value: [['credentials', { user: 'u', secret: 'LEAK-p2' }]] },
    { name: 'HAR header { name, value }', value: { headers: [{ name: 'Authorization', value: 'Bearer LEAK-h1' }, { name: 'Accept', value: '*/*' }] } },
    { name: 'ECS environment { name, value }', value: { environment: [{ name: 'DB_PASSWORD', value: 'LEAK-h2' }] } },
    { name: 'AWS tags { Key, Value }', value: [{ Key: 'api_token', Value: 'LEAK-h3' }] },
    { name: 'URLSearchParams', value: new URLSearchParams('token=LEAK-q1&page=2&client_secret=LEAK-q2') },
    { name: 'FormData', value: form },
    { name: 'Map with token key', value: new Map([['authToken', 'LEAK-m1']]) },
    { name: 'Map nested in object', value: { config: new Map<string, unknown>([['secrets', { x: 'LEAK-m2' }]]) } },
    { name: 'Set of pairs', value: new Set([['password', 'LEAK-s1']]) },
    { name: 'Headers authorization', value: new Headers({ authorization: 'Bearer LEAK-H1' }) },
    { name: 'Headers x-api-key and cookie', value: new Headers({ 'x-api-key': 'LEAK-H2', cookie: 'sid=LEAK-H3' }) },
  ];
}

function urls(): SecretCase[] {
  return [
    { name: 'URL with user:password', value: 'https://admin:LEAK-u1@example.com/path' },
    { name: 'postgres URL in an object', value: { dsn: 'postgres://app:LEAK-u2@127.0.0.1:5432/test' } },
    { name: 'password with /', value: 'mongodb://app:LEAK-u3a/LEAK-u3b@db/x' },
    { name: 'password with #', value: 'amqp://app:LEAK-u4a#LEAK-u4b@mq:5672' },
    { name: 'password with @', value: 'postgres://app:LEAK-u5a@LEAK-u5b@db/x' },
    { name: 'password with +', value: 'redis://default:LEAK-u6a+LEAK-u6b@cache:6379/0' },
    { name: 'password only (redis)', value: 'redis://:LEAK-u7@127.0.0.1:6379' },
    { name: 'token as the user', value: 'https://x-access-token:LEAK-u8@github.com/org/repo.git' },
    { name: 'URL object with password', value: new URL('https://user:LEAK-u9@example.com/') },
    { name: 'JDBC URL', value: 'jdbc:postgresql://app:LEAK-u10@db:5432/x' },
    { name: 'token= query parameter', value: 'https://api.example.com/v1/report?id=7&token=LEAK-u11' },
    { name: 'key= query parameter', value: 'https://maps.example.com/geo?key=LEAK-u12&q=x' },
    { name: 'access_token= before a fragment', value: 'https://example.com/cb?access_token=LEAK-u13#frag' },
    { name: 'presigned S3 URL', value: 'https://b.s3.amazonaws.com/k?X-Amz-Credential=LEAK-u14&X-Amz-Signature=LEAK-u15' },
    { name: 'Azure SAS sig=', value: 'https://acct.blob.core.windows.net/c/b?sv=2022&sig=LEAK-u16%3D' },
    { name: 'Slack webhook URL', value: 'posting to https://hooks.slack.com/services/T0LEAK001/B0LEAK002/LEAKabcdefghijklmnopqrstuv' },
    { name: 'Discord webhook URL', value: 'https://discord.com/api/webhooks/123456789/LEAK-abcdefghijklmnopqrstuvwxyz' },
  ];
}

function authSchemes(): SecretCase[] {
  return [
    { name: 'Authorization header', value: { Authorization: 'Basic LEAK-a1' } },
    { name: 'Bearer in text', value: 'sending Authorization: Bearer LEAK-a2.abc_def' },
    { name: 'lower-case authorization: bearer', value: 'authorization: bearer LEAK-a3 LEAK-a3b' },
    { name: 'authorization: basic', value: 'authorization: basic LEAKdXNlcjpwYXNz' },
    { name: 'authorization: token', value: 'authorization: token LEAK-a5' },
    { name: 'authorization: digest', value: 'authorization: digest username="bob", response="LEAK-a6", nonce="LEAK-a6b"' },
    { name: 'standalone Bearer in any case', value: 'retrying with BEARER LEAK-a7-token' },
    { name: 'standalone Digest', value: 'Digest username="bob", realm="api", response="LEAK-a8"' },
    { name: 'standalone Token', value: 'sent Token LEAK1a2b3c4d' },
    { name: 'bearer in an array', value: ['ok', 'Bearer LEAK-a9'] },
    { name: 'bearer in a Set', value: new Set(['Bearer LEAK-a10']) },
  ];
}

function serialisedText(): SecretCase[] {
  const axiosConfig = { url: 'https://api.test/x', headers: { Authorization: 'Bearer LEAK-t1', 'X-Api-Key': 'LEAK-t2' }, data: '{"password":"LEAK-t3"}' };
  return [
    { name: 'JSON text with a secret', value: '{"user":"bob","password":"LEAK-t4"}' },
    { name: 'JSON.stringify(axios config)', value: JSON.stringify(axiosConfig) },
    { name: 'JSON inside JSON', value: JSON.stringify({ body: JSON.stringify({ password: 'LEAK-t5', token: 'LEAK-t6' }) }) },
    { name: 'quoted value with an escaped quote', value: '{"password":"LEAK-t7a\\"LEAK-t7b"}' },
    { name: 'util.inspect of a Map', value: inspect(new Map([['x-api-key', 'LEAK-t8']])) },
    { name: 'util.inspect of URLSearchParams', value: inspect(new URLSearchParams('token=LEAK-t9&a=b')) },
    { name: 'util.inspect of Headers', value: inspect(new Headers({ authorization: 'Bearer LEAK-t10' })) },
    { name: 'util.inspect of an object', value: `config: ${inspect({ db: { password: 'LEAK-t11 with spaces' } })}` },
    { name: 'util.inspect of entries', value: inspect(Object.entries({ cookie: 'sid=LEAK-t12' })) },
    { name: 'util.inspect of rawHeaders', value: inspect(['Host', 'h', 'Authorization', 'Basic LEAK-t13']) },
    { name: 'JSON { name, value } header', value: JSON.stringify([{ name: 'Authorization', value: 'Bearer LEAK-t14' }]) },
    { name: 'set-cookie JSON array', value: '{"set-cookie":["sid=LEAK-t15; Path=/","csrf=LEAK-t16"],"status":200}' },
    { name: 'credentials JSON object', value: '{"credentials":{"user":"u","key":"LEAK-t17"}}' },
    { name: 'password=a,b', value: 'login failed for user=bob password=LEAK-t18a,LEAK-t18b' },
    { name: 'password: several words', value: 'password: correct-LEAK horse-LEAK battery-LEAK staple-LEAK' },
    { name: "quoted value with spaces", value: "password='LEAK-t19a LEAK-t19b'" },
    { name: 'HTTP header block', value: 'GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer LEAK-t20\r\nCookie: a=LEAK-t21; b=LEAK-t21b\r\n' },
    { name: 'YAML', value: 'db:\n  host: x\n  password: "LEAK-t22"\n  api_key: LEAK-t23\n' },
    { name: '.env lines', value: 'STRIPE_KEY=LEAK-t24\nDB_PASS=LEAK-t25\nexport GITHUB_TOKEN="LEAK-t26"' },
    { name: 'command line flags', value: 'Command failed: pg_dump --password LEAK-t27 --host db --api-key=LEAK-t28' },
    { name: 'curl -H', value: `curl -H "Authorization: Bearer LEAK-t29" -H 'X-Api-Key: LEAK-t30' https://x` },
    { name: 'XML element', value: '<login><user>bob</user><password>LEAK-t31</password></login>' },
    { name: 'env-style secrets in text', value: 'SENTRY_KEY: LEAK-t32, APP_SECRET=LEAK-t33' },
    { name: 'redact keys in text, any separator', value: 'pw=LEAK-t34 pwd: LEAK-t35 creds => LEAK-t36' },
  ];
}

function credentialFormats(): SecretCase[] {
  const awsSecret = 'LEAKwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'.slice(0, 40);
  return [
    { name: 'GitHub ghp_', value: `token ghp_${MARKED_36} in text` },
    { name: 'GitHub gho_', value: `gho_${MARKED_36}` },
    { name: 'GitHub ghs_', value: { note: `ghs_${MARKED_36}` } },
    { name: 'GitHub ghu_', value: `ghu_${MARKED_36}` },
    { name: 'GitHub github_pat_', value: `github_pat_11LEAK0123456789abcdef_${'LEAK'.repeat(14)}abc` },
    { name: 'Slack bot token', value: 'xoxb-1234567890-1234567890123-LEAKabcdefghijklmnopqr' },
    { name: 'Slack user token', value: 'xoxp-1234567890-1234567890-1234567890-LEAKabcdef0123456789abcdef0123' },
    { name: 'Slack app token', value: 'xapp-1-A0LEAK-1234567890-LEAKabcdef0123456789' },
    { name: 'Stripe sk_live_', value: 'charging with sk_live_LEAK0123456789abcdefXYZ' },
    { name: 'Stripe rk_live_', value: 'rk_live_LEAK0123456789abcdef' },
    { name: 'Stripe webhook secret', value: 'whsec_LEAK0123456789abcdefghijkl' },
    { name: 'AWS key id and secret', value: `AKIALEAKABCDEFGH2345 ${awsSecret}` },
    { name: 'AWS key id:secret', value: `creds AKIALEAKABCDEFGH2345:${awsSecret}` },
    { name: 'AWS CSV line', value: `default,ASIALEAKABCDEFGH2345,${awsSecret}` },
    { name: 'AWS key id alone', value: 'using AKIALEAKZYXWVUTS2345 for upload' },
    { name: 'Google API key', value: `key AIza${'LEAK0123456789-_'.padEnd(35, 'x')}.` },
    { name: 'GitLab token', value: 'glpat-LEAK0123456789abcdef' },
    { name: 'npm token', value: `npm_${MARKED_36}` },
    { name: 'OpenAI key', value: 'sk-proj-LEAK0123456789abcdefghijkl' },
    { name: 'JWT in text', value: 'got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLLTI5In0.LEAK-jwt-sig' },
    { name: 'JWT cut short', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLLLEAK' },
    { name: 'RSA private key', value: pem('RSA PRIVATE KEY') },
    { name: 'EC private key', value: pem('EC PRIVATE KEY') },
    { name: 'PKCS#8 private key', value: pem('PRIVATE KEY') },
    { name: 'encrypted private key', value: pem('ENCRYPTED PRIVATE KEY') },
    { name: 'OpenSSH private key', value: { identity: pem('OPENSSH PRIVATE KEY') } },
    { name: 'PGP private key block', value: pem('PGP PRIVATE KEY BLOCK') },
    { name: 'private key without its end', value: '-----BEGIN RSA PRIVATE KEY-----\nMIIE LEAK-cut' },
    { name: 'private key in JSON text', value: JSON.stringify({ note: pem('PRIVATE KEY') }) },
  ];
}

function errors(): SecretCase[] {
  return [
    { name: 'error whose message has a URL password', value: new Error('connect to redis://:LEAK-x1@127.0.0.1:6379 failed') },
    { name: 'error cause carrying a token URL', value: withCause('fetch failed', new Error('GET https://x.test/?api_key=LEAK-x2 refused')) },
    {
      name: 'cause chain three deep',
      value: withCause('sync failed', withCause('request failed', new Error('401 for Authorization: Bearer LEAK-x3'))),
    },
    {
      name: 'AggregateError',
      value: new AggregateError([new Error('a: password=LEAK-x4'), new Error(`b: ghp_${MARKED_36}`)], 'all attempts failed'),
    },
    { name: 'AggregateError as a cause', value: withCause('pool failed', new AggregateError([new Error('dsn postgres://u:LEAK-x5@db')], 'x')) },
    { name: 'error with a url fact', value: Object.assign(new Error('HTTP 500'), { url: 'https://u:LEAK-x6@api.test/?token=LEAK-x7' }) },
    { name: 'error with a path fact', value: Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: '/tmp/x?sig=LEAK-x8' }) },
    { name: 'axios-like error message', value: new Error(`Request failed: ${JSON.stringify({ headers: { authorization: 'Bearer LEAK-x9' } })}`) },
    { name: 'non-error cause object', value: withCause('x', { message: 'token=LEAK-x10' }) },
  ];
}

function structures(): SecretCase[] {
  let deep: unknown = { password: 'LEAK-d1' };
  for (let i = 0; i < 9; i++) deep = { level: i, next: deep };
  return [
    { name: 'db_password nested', value: { db: { primary: { db_password: 'LEAK-n1' } } } },
    { name: 'client_secret in array', value: { apps: [{ id: 1, client_secret: 'LEAK-n2' }] } },
    { name: 'credentials object', value: { credentials: { user: 'u', pass: 'LEAK-n3' } } },
    { name: 'ten levels deep', value: deep },
    { name: 'arrays of arrays', value: [[['a', { token: 'LEAK-n4' }]], [[['Bearer LEAK-n5']]]] },
    { name: 'Map in array in object', value: { list: [new Map([['x', { secret: 'LEAK-n6' }]])] } },
    { name: 'class instance with secret field', value: new (class Client { secretKey = 'LEAK-n7'; host = 'h'; })() },
    { name: 'object with toJSON', value: { toJSON: () => ({ apiKey: 'LEAK-n8' }) } },
    { name: 'cookie value', value: { cookie: 'session=LEAK-n9' } },
    { name: 'Set-Cookie array', value: { 'Set-Cookie': ['a=LEAK-n10', 'b=LEAK-n11'] } },
  ];
}

/** Over 100 shapes: keys, pairs, URLs, auth schemes, serialised text, provider formats, errors, nesting. */
export const SECRET_CORPUS: readonly SecretCase[] = [
  ...objectKeys(),
  ...pairs(),
  ...urls(),
  ...authSchemes(),
  ...serialisedText(),
  ...credentialFormats(),
  ...errors(),
  ...structures(),
];

/** A case as text: a string itself; anything else as `util.inspect` prints it in full. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: Infinity, breakLength: Infinity });
}

/** What must come out of redaction exactly as it went in: ordinary ids, hashes, data, prose. */
export const KEEP_CORPUS: readonly SecretCase[] = [
  { name: 'UUID', value: '550e8400-e29b-41d4-a716-446655440000' },
  { name: 'git SHA-1', value: 'commit da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { name: 'SHA-256', value: 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: 'base64 image data', value: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
  { name: 'base64 JSON without dots', value: 'eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbXX0=' },
  { name: 'ISO timestamp', value: '2026-11-25T11:20:51.123Z' },
  { name: 'URL with a port', value: 'http://127.0.0.1:8080/health?verbose=1' },
  { name: 'URL with a port and an @ in the query', value: 'https://db.internal:5432/users?email=bob@example.com' },
  { name: 'email', value: 'mailto:bob@example.com' },
  { name: 'scp-style git remote', value: 'git@github.com:org/repo.git' },
  { name: 'error text', value: 'retrying in 100 ms (ECONNRESET: read ECONNRESET)' },
  { name: 'stack frame', value: 'Error: boom\n    at Exporter.run (/srv/app/dist/exporter.js:10:5)\n    at async Promise.all (index 0)' },
  { name: 'words next to scheme names', value: 'basic authentication failed; token expired; bearer token missing' },
  { name: 'ordinary key=value text', value: 'user=bob attempt=3 monkey=3 author: ann cache_key=reports/2026' },
  { name: 'SQL', value: 'ALTER TABLE t ADD PRIMARY KEY (id)' },
  { name: 'S3 object key field', value: { key: 'reports/2026/daily.csv', bucket: 'b' } },
  { name: 'keys that contain secret-ish letters', value: { author: 'ann', passenger: 'p', bypass: true, cacheKey: 'k', sortKey: 2, keyId: 'kid-1' } },
  { name: 'ids and numbers', value: { id: 42, runId: 'a0b1c2d3', durationMs: 12.5, attempts: [1, 2, 3] } },
  { name: 'name/value pair that is not secret', value: [{ name: 'Accept', value: '*/*' }] },
  { name: 'entries without secrets', value: [['host', 'example.com'], ['accept', 'text/html']] },
  { name: 'Windows path', value: 'C:\\Users\\bob\\report.csv' },
  { name: 'semver ranges', value: '^1.2.3 || >=2.0.0-rc.1' },
  { name: 'an AWS-like 40-char string alone', value: 'etag wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY' },
  { name: 'text with a separator and no name', value: 'ratio: 1.5 / latency: 20ms / status=ok' },
];
