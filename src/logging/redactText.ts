import { redactNamedValues, type SecretName } from './namedValues';
import { maybeSecret, SECRET_SHAPES } from './secretShapes';

/**
 * `text` with every secret found in it replaced: the {@link SECRET_SHAPES} (private keys, URL
 * passwords, provider tokens, JWTs, authorization credentials), then the values that secret
 * names label (`password=…`, `"token":"…"`, `'x-api-key' => '…'`). Applying it again changes
 * nothing.
 */
export function redactText(text: string, isSecretName: SecretName): string {
  if (!maybeSecret(text)) return text;
  let result = text;
  for (const { pattern, replace } of SECRET_SHAPES) {
    result = typeof replace === 'string' ? result.replace(pattern, replace) : result.replace(pattern, replace);
  }
  return redactNamedValues(result, isSecretName);
}
