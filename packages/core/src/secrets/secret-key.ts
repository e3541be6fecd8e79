import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../errors/error-families.js';

/** The length of an AES-256 key in bytes. */
export const SECRET_KEY_LENGTH = 32;

const hexKey = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet, with or without the one padding character 32 bytes need.
const base64Key = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The id of a key: the first 8 hex characters of the SHA-256 of its bytes.
 *
 * It names the key in envelopes and messages without revealing anything usable about it; 32 bits are
 * plenty to tell apart the handful of keys one installation rotates through.
 */
export function secretKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A new random key, as base64 text ready for configuration or a key file. */
export function generateSecretKey(): string {
  return randomBytes(SECRET_KEY_LENGTH).toString('base64');
}

/**
 * Parse a configured key: 32 bytes written as 64 hex characters or as base64 (standard or URL-safe).
 * Surrounding whitespace is ignored. A malformed key is `SECRET_KEY_INVALID`; the error names the
 * length and the source, never the text.
 */
export function parseSecretKey(text: string, source = 'configuration'): Result<Uint8Array, ValidationError> {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (hexKey.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (base64Key.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (key?.length === SECRET_KEY_LENGTH) return ok(new Uint8Array(key));
  return err(
    new ValidationError({
      code: 'SECRET_KEY_INVALID',
      message: `The secret key from ${source} is not 32 bytes in base64 or hex (got ${trimmed.length} characters).`,
      details: { source, length: trimmed.length },
    }),
  );
}
