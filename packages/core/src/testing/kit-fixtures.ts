import { createCipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../secrets/sealed-secret.js';

// The kits seal with a throwaway key of their own: stores must keep the envelope as given, whatever its key.
const kitKey = randomBytes(32);

/** Seal a value the way the core's envelope looks (`pls1.<keyId>.<iv>.<ciphertext>.<tag>`), with key id `kit`. */
export function sealForKit(plaintext: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kitKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    'pls1',
    'kit',
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    tag.toString('base64url'),
  ].join('.') as SealedSecret;
}

/** A random lowercase suffix for names and keys that must not collide between tests. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString('hex');
}
