/** What a secret is replaced with, everywhere. */
export const REDACTED = '[REDACTED]';

/**
 * Words that make a key secret wherever they appear in it, compared without case or separators:
 * `apiKey`, `X-API-KEY`, `db_password`, `client_secret`, `set-cookie`, `privateKey`,
 * `aws_access_key_id`, `GITHUB_TOKEN`, `awsCreds` all match.
 */
export const SECRET_KEY_WORDS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'authorization',
  'cookie',
  'privatekey',
  'credential',
  'creds',
  'sessionid',
  'jwt',
]);

/**
 * Words that make a key secret only as a whole word of it (words split at separators and at
 * camelCase humps): `pwd`, `dbPass`, `basic_auth`, `x-amz-signature` match; as parts of longer
 * words they are too common (`passenger`, `author`, `bypass`).
 */
export const SECRET_KEY_PARTS: readonly string[] = Object.freeze(['pw', 'pwd', 'pass', 'auth', 'signature', 'sig']);

/**
 * An environment-style name ending in `_KEY` (`STRIPE_KEY`, `SSH_KEY`, `ENCRYPTION_KEY`): secret.
 * A `key` in any other spelling is not (`key`, `cacheKey`, `sort_key` name S3 objects, cache
 * entries and tables).
 */
const ENV_STYLE_KEY = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_KEY$/;

/** A key as compared: lower case, letters and digits only. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/**
 * Whether `key` (as written: `X-Api-Key`, `db_password`) names a secret: it contains one of
 * {@link SECRET_KEY_WORDS} or `extraWords` (normalised), has one of {@link SECRET_KEY_PARTS} as a
 * word, or is an environment-style `*_KEY`.
 */
export function isSecretKey(key: string, extraWords: readonly string[]): boolean {
  const normalised = normaliseKey(key);
  for (const word of SECRET_KEY_WORDS) if (normalised.includes(word)) return true;
  for (const word of extraWords) if (normalised.includes(word)) return true;
  if (ENV_STYLE_KEY.test(key)) return true;
  return wordsOf(key).some((word) => SECRET_KEY_PARTS.includes(word));
}
