/** What a secret is replaced with, everywhere. */
export const REDACTED = '[REDACTED]';

/**
 * Words that make a key secret wherever they appear in it, compared without case or separators:
 * `apiKey`, `X-API-KEY`, `db_password`, `client_secret`, `set-cookie`, `privateKey` all match.
 */
export const SECRET_KEY_WORDS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'privatekey',
  'credential',
  'sessionid',
]);

/**
 * Keys that are secret only when they are the whole key: as parts of words they are too common
 * (`passenger`, `author`). A bare `key` is not one: it names S3 objects and cache entries.
 */
export const SECRET_EXACT_KEYS: readonly string[] = Object.freeze(['pwd', 'pass', 'auth', 'signature']);

/** A key as compared: lower case, letters and digits only. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether a normalised key names a secret, given the extra words configured. */
export function isSecretKey(normalised: string, extraWords: readonly string[]): boolean {
  if (SECRET_EXACT_KEYS.includes(normalised)) return true;
  for (const word of SECRET_KEY_WORDS) if (normalised.includes(word)) return true;
  for (const word of extraWords) if (normalised.includes(word)) return true;
  return false;
}

const KEY_NAME = String.raw`[\w.\-]*?(?:password|passwd|passphrase|secret|token|api[_\-]?key|apikey|authorization|cookie|private[_\-]?key|credentials?|session[_\-]?id|signature|sig|pwd|key|auth)[\w.\-]*`;

/** Secret shapes inside free text, with what replaces each. Order matters: whole blocks first. */
const STRING_RULES: readonly (readonly [RegExp, string])[] = Object.freeze([
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  // user:password@ in any URL: the user stays (it says who), the password goes.
  [/([a-z][a-z0-9+.\-]*:\/\/[^\s:@\/?#]*):[^\s@\/?#]*@/gi, `$1:${REDACTED}@`],
  [/\b(Bearer|Basic|Digest|Token)\s+[A-Za-z0-9\-._~+\/]+=*/g, `$1 ${REDACTED}`],
  // JSON web tokens wherever they appear.
  [/\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*/g, REDACTED],
  // key=value and "key": "value" pairs: query parameters, form bodies, JSON in error messages.
  [new RegExp(String.raw`((?:^|[?&;,\s{"'])${KEY_NAME}["']?\s*[=:]\s*["']?)(?!\[REDACTED\])[^\s&;,"'}#]+`, 'gi'), `$1${REDACTED}`],
]);

const MAYBE_SECRET = /[=:@]|bearer|basic|digest|token|eyJ|PRIVATE KEY/i;

/** Replaces the secrets found inside a string (URL passwords, query tokens, bearer credentials…). */
export function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let result = text;
  for (const [pattern, replacement] of STRING_RULES) result = result.replace(pattern, replacement);
  return result;
}
