import { REDACTED } from './secrets';

/** A secret recognised by its shape alone, whatever key (or none) it stands under. */
export interface SecretShape {
  readonly name: string;
  /** Global: every occurrence in a string is replaced. */
  readonly pattern: RegExp;
  readonly replace: string | ((match: string, ...groups: string[]) => string);
}

/** `host:port/…` read as `user:password@…` would hide ports; a dotted host and a port are not a login. */
function userinfo(match: string, scheme: string, user: string): string {
  const password = match.slice(scheme.length + user.length + 1, -1);
  const hostAndPort = /^\d{1,5}[/?#]/.test(password) && (user.includes('.') || user === 'localhost');
  return hostAndPort ? match : `${scheme}${user}:${REDACTED}@`;
}

/**
 * Scheme names are ordinary words too ("basic authentication", "bearer token missing"): only a
 * value that looks like a credential goes — one with a digit, `+`, `/`, `=` or a camel hump, and
 * for `bearer` also `.`, `_`, `-` or 20 characters.
 */
function schemeCredential(match: string, scheme: string, credential: string): string {
  const bearer = scheme.toLowerCase() === 'bearer';
  const looksLikeOne =
    /[\d+/=]|[a-z][A-Z]/.test(credential) || (bearer && (/[._~-]/.test(credential) || credential.length >= 20));
  return looksLikeOne ? `${scheme} ${REDACTED}` : match;
}

/**
 * The secret shapes found in free text, in the order they are applied (whole blocks first, so a
 * key inside a private key block is never half-replaced). The token formats follow gitleaks'
 * rules (`config/gitleaks.toml`: github-pat, github-fine-grained-pat, github-oauth,
 * github-app-token, slack-*-token, slack-webhook-url, stripe-access-token, aws-access-token,
 * gcp-api-key, gitlab-pat, npm-access-token, jwt, private-key) and GitHub secret scanning's
 * patterns of the same providers, narrowed to what is unambiguous: each needs its provider's
 * prefix, so ordinary ids and hashes (UUIDs, git SHAs, base64 data) never match.
 */
export const SECRET_SHAPES: readonly SecretShape[] = Object.freeze([
  {
    name: 'private key block (PEM, OpenSSH, PGP, PKCS#8, encrypted)',
    pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: REDACTED,
  },
  {
    name: 'Slack or Discord webhook URL',
    pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/|discord(?:app)?\.com\/api\/webhooks\/\d+\/)[\w/+-]{8,}/gi,
    replace: `$1${REDACTED}`,
  },
  {
    // The password runs to the last `@` of the run, so one holding `/`, `#`, `@` or `+` goes whole.
    name: 'URL user:password@',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'<>\\]*):(?:[^\s"'<>\\]|\\.)*@/gi,
    replace: userinfo,
  },
  { name: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})/g, replace: REDACTED },
  { name: 'GitLab personal access token', pattern: /\bglpat-[\w-]{20,}/g, replace: REDACTED },
  { name: 'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxo-, xapp-)', pattern: /\b(?:xox[abeoprs]-|xapp-\d-)[A-Za-z0-9-]{10,}/g, replace: REDACTED },
  { name: 'Stripe secret, restricted or webhook key', pattern: /\b(?:[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=]{20,})/g, replace: REDACTED },
  {
    // An access key id, and the 40-character secret key when it follows (`id:secret`, CSV, JSON).
    name: 'AWS access key id (and the secret key after it)',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b(?:([\s,:;|="']{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))?/g,
    replace: (_match, separator) => (separator === undefined ? REDACTED : `${REDACTED}${separator}${REDACTED}`),
  },
  { name: 'Google API key', pattern: /\bAIza[\w-]{35}(?![\w-])/g, replace: REDACTED },
  { name: 'npm access token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: REDACTED },
  { name: 'OpenAI or Anthropic API key', pattern: /\bsk-(?:proj|ant|svcacct|admin)-[\w-]{20,}/g, replace: REDACTED },
  { name: 'JSON web token (JWS, JWE; cut ones too)', pattern: /\beyJ[\w-]{8,}\.eyJ[\w-]*(?:\.[\w-]*){0,3}/g, replace: REDACTED },
  {
    name: 'Bearer, Basic, Token, Negotiate or NTLM credential, in any case',
    pattern: /\b(bearer|basic|token|negotiate|ntlm)\s+([\w\-.~+/]{4,}=*)/gi,
    replace: schemeCredential,
  },
  { name: 'Digest credentials, in any case', pattern: /\b(digest)\s+(?=[\w-]+=)(?:[^\r\n\\]|\\(?![nr]))*/gi, replace: `$1 ${REDACTED}` },
]);

/** The characters and words of every shape and named value; case-insensitive, so kept short. */
const MAYBE_NAMED_OR_SCHEME = /[=:@]|bearer|basic|digest|token|negotiate|ntlm|eyJ|PRIVATE KEY/i;
/** The provider prefixes and the rarer separators; case-sensitive, which is cheaper. */
const MAYBE_TOKEN = /[_<]|["'`]\s*,|--|A(?:KIA|SIA|3T|BIA|CCA|Iza)|xox|xapp|glpat|sk-|hooks/;

/**
 * Whether a string may hold a secret at all: a cheap test that lets the ordinary strings of a
 * line (messages, ids, names) skip every rule. A number's text between spaces never makes it
 * true: `@Logged`'s success line relies on that to check its message once, not per call.
 */
export function maybeSecret(text: string): boolean {
  return MAYBE_NAMED_OR_SCHEME.test(text) || MAYBE_TOKEN.test(text);
}
