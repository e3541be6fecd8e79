/**
 * A secret sealed with AES-256-GCM: `pls1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 *
 * The branded string type keeps a plain token from being stored where a sealed one belongs.
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
