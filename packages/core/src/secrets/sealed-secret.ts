/**
 * A secret sealed with AES-256-GCM: `pls1.<keyId>.<iv>.<ciphertext>.<tag>`.
 *
 * - `pls1` names the envelope format; a new format gets a new prefix.
 * - `keyId` is {@link secretKeyId} of the key that sealed it (8 hex characters), so the right key of a
 *   keyring is found without trying each, and an operator can tell which key a database needs.
 * - `iv` (12 bytes), `ciphertext` and `tag` (16 bytes) are base64url without padding.
 * - `pls1.<keyId>` is the additional authenticated data, so the header cannot be swapped either.
 *
 * The branded string type keeps a plain token from being stored where a sealed one belongs.
 *
 * @see createSecretBox
 */
export type SealedSecret = string & { readonly __sealed: unique symbol };

/** The envelope prefix; a new envelope format gets a new prefix. */
export const SEALED_SECRET_PREFIX = 'pls1';

/** The key id inside a sealed secret, or null when the text is not an envelope. */
export function sealedSecretKeyId(sealed: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== SEALED_SECRET_PREFIX) return null;
  return parts[1] ?? null;
}
