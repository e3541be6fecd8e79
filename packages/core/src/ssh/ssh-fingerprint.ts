import { createHash } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../errors/error-families.js';
import { decodeStrings } from './ssh-wire-format.js';

/** The fingerprints of a public key, in the forms operators meet them. */
export interface SshFingerprints {
  /** The key type from the blob, such as `ssh-ed25519`. */
  readonly type: string;
  /** MD5 of the key blob as colon-separated lowercase hex, the form Hetzner shows (`ab:cd:…`). */
  readonly md5: string;
  /** SHA-256 of the key blob as `SHA256:` and base64 without padding, as `ssh-keygen -l` prints it. */
  readonly sha256: string;
}

/** MD5 fingerprint of a public key blob: colon-separated lowercase hex, without the `MD5:` prefix. */
export function md5Fingerprint(blob: Uint8Array): string {
  return createHash('md5').update(blob).digest('hex').match(/../g)?.join(':') ?? '';
}

/** SHA256 fingerprint of a public key blob: `SHA256:` then base64 without padding. */
export function sha256Fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const keyTypeShape = /^(?:ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+$/;
const base64Shape = /^[A-Za-z0-9+/]+={0,2}$/;

function invalid(reason: string): ValidationError {
  return new ValidationError({
    code: 'VALIDATION_FAILED',
    message: `Not an OpenSSH public key: ${reason}.`,
    details: { field: 'publicKey', reason },
  });
}

/**
 * Parse an OpenSSH public key line and return its blob and type. Accepts `type base64 [comment]` as in
 * `id_ed25519.pub` and `authorized_keys`, and also lines with a leading host or options field such as
 * `known_hosts` and `ssh-keyscan` output, as long as the type inside the blob matches the type word.
 */
export function parseSshPublicKey(line: string): Result<{ type: string; blob: Buffer }, ValidationError> {
  const words = line.trim().split(/\s+/);
  for (let index = 0; index + 1 < words.length; index++) {
    const type = words[index] ?? '';
    const encoded = words[index + 1] ?? '';
    if (!keyTypeShape.test(type) || !base64Shape.test(encoded)) continue;
    const blob = Buffer.from(encoded, 'base64');
    const strings = decodeStrings(blob);
    if (strings === null || strings.length < 2) return err(invalid('the key data is not an SSH key blob'));
    if (strings[0]?.toString('utf8') !== type) {
      return err(invalid('the key type does not match the key data'));
    }
    return ok({ type, blob });
  }
  return err(invalid('no "<type> <base64>" pair found'));
}

/**
 * The MD5 and SHA256 fingerprints of any OpenSSH public key line: managed keys, keys from a provider,
 * host keys from `ssh-keyscan`. They equal what `ssh-keygen -l -E md5|sha256` prints.
 */
export function sshFingerprints(publicKeyLine: string): Result<SshFingerprints, ValidationError> {
  return parseSshPublicKey(publicKeyLine).map(({ type, blob }) => ({
    type,
    md5: md5Fingerprint(blob),
    sha256: sha256Fingerprint(blob),
  }));
}
