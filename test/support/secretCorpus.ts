/**
 * Secret shapes for redaction tests. Every secret value contains `LEAK`, so a test checks for
 * zero leaks by searching the written lines for it; `keep` values must survive.
 */
export interface SecretCase {
  readonly name: string;
  readonly value: unknown;
}

function headersWith(entries: Record<string, string>): Headers {
  return new Headers(entries);
}

/** At least 30 shapes: keys in every case and separator, nesting, arrays, Maps, Headers, strings. */
export const SECRET_CORPUS: readonly SecretCase[] = [
  { name: 'password key', value: { password: 'LEAK-01' } },
  { name: 'passwd key', value: { passwd: 'LEAK-02' } },
  { name: 'secret key', value: { secret: 'LEAK-03' } },
  { name: 'token key', value: { token: 'LEAK-04' } },
  { name: 'camelCase apiKey', value: { apiKey: 'LEAK-05' } },
  { name: 'snake api_key', value: { api_key: 'LEAK-06' } },
  { name: 'kebab X-API-KEY', value: { 'X-API-KEY': 'LEAK-07' } },
  { name: 'Authorization', value: { Authorization: 'Basic LEAK-08' } },
  { name: 'cookie', value: { cookie: 'session=LEAK-09' } },
  { name: 'Set-Cookie array', value: { 'Set-Cookie': ['a=LEAK-10', 'b=LEAK-10b'] } },
  { name: 'private key', value: { private_key: 'LEAK-11' } },
  { name: 'PRIVATE-KEY upper', value: { 'PRIVATE-KEY': 'LEAK-12' } },
  { name: 'credentials object', value: { credentials: { user: 'u', pass: 'LEAK-13' } } },
  { name: 'db_password nested', value: { db: { primary: { db_password: 'LEAK-14' } } } },
  { name: 'client_secret in array', value: { apps: [{ id: 1, client_secret: 'LEAK-15' }] } },
  { name: 'accessToken deep', value: { a: { b: { c: { d: { accessToken: 'LEAK-16' } } } } } },
  { name: 'refresh_token', value: { refresh_token: 'LEAK-17' } },
  { name: 'Map with token key', value: new Map([['authToken', 'LEAK-18']]) },
  { name: 'Map nested in object', value: { config: new Map<string, unknown>([['secrets', { x: 'LEAK-19' }]]) } },
  { name: 'Headers authorization', value: headersWith({ authorization: 'Bearer LEAK-20' }) },
  { name: 'Headers x-api-key and cookie', value: headersWith({ 'x-api-key': 'LEAK-21', cookie: 'sid=LEAK-21b' }) },
  { name: 'URL with user:password', value: 'https://admin:LEAK-22@example.com/path' },
  { name: 'postgres URL', value: { dsn: 'postgres://app:LEAK-23@127.0.0.1:5432/test' } },
  { name: 'token= query parameter', value: 'https://api.example.com/v1/report?id=7&token=LEAK-24' },
  { name: 'key= query parameter', value: 'https://maps.example.com/geo?key=LEAK-25&q=x' },
  { name: 'access_token= query', value: 'https://example.com/cb?access_token=LEAK-26#frag' },
  { name: 'Bearer string', value: 'sending Authorization: Bearer LEAK-27.abc_def' },
  { name: 'bearer in array', value: ['ok', 'Bearer LEAK-28'] },
  { name: 'JWT in text', value: 'got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLLTI5In0.LEAK-29sig' },
  { name: 'password= in a message', value: 'login failed for user=bob password=LEAK-30' },
  { name: 'JSON text with secret', value: '{"user":"bob","password":"LEAK-31"}' },
  { name: 'PEM private key block', value: '-----BEGIN RSA PRIVATE KEY-----\nMIIE LEAK-32\n-----END RSA PRIVATE KEY-----' },
  { name: 'sessionId', value: { sessionId: 'LEAK-33' } },
  { name: 'Secret in Set', value: new Set(['Bearer LEAK-34']) },
  { name: 'error whose message has a URL password', value: new Error('connect to redis://:LEAK-35@127.0.0.1:6379 failed') },
  {
    name: 'error cause carrying a token URL',
    value: new Error('fetch failed', { cause: new Error('GET https://x.test/?api_key=LEAK-36 refused') }),
  },
  { name: 'class instance with secret field', value: new (class Client { secretKey = 'LEAK-37'; host = 'h'; })() },
  { name: 'URL object with password', value: new URL('https://user:LEAK-38@example.com/') },
];
