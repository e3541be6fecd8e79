import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { md5Fingerprint, sha256Fingerprint } from './ssh-fingerprint.js';
import { encodeString, encodeUint32 } from './ssh-wire-format.js';

/** What {@link generateSshKeyPair} takes. */
export interface GenerateSshKeyPairOptions {
  /** The comment at the end of the public key line and inside the private key; `pressluft` by default. */
  readonly comment?: string;
}

/** A new ed25519 key pair in OpenSSH formats, with its fingerprints. */
export interface GeneratedSshKeyPair {
  /** The OpenSSH public key line: `ssh-ed25519 AAAA… comment`. */
  readonly publicKey: string;
  /**
   * The unencrypted private key in OpenSSH's own format (`-----BEGIN OPENSSH PRIVATE KEY-----`). A
   * secret: seal it before storing, write it only to mode 0600 files, register it with a redactor.
   */
  readonly privateKey: string;
  /** MD5 fingerprint, colon-separated hex, as Hetzner shows it. */
  readonly fingerprintMd5: string;
  /** SHA256 fingerprint (`SHA256:…`), as `ssh-keygen -l` shows it. */
  readonly fingerprintSha256: string;
}

const KEY_TYPE = 'ssh-ed25519';
// "none" cipher: the private section is padded to 8 bytes, the cipher block size OpenSSH assumes.
const BLOCK_SIZE = 8;

function wrap(text: string, width: number): string {
  return text.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? '';
}

/**
 * Build an unencrypted `openssh-key-v1` private key (OpenSSH's PROTOCOL.key) by hand. OpenSSH reads
 * PKCS#8 PEM for ed25519 only in recent versions, and some tools in between (older ssh, paramiko) not
 * at all; its own format is read everywhere ed25519 is supported.
 */
function opensshPrivateKey(seed: Buffer, publicKey: Buffer, publicBlob: Buffer, comment: string): string {
  const check = randomBytes(4);
  const section = Buffer.concat([
    check,
    check,
    encodeString(KEY_TYPE),
    encodeString(publicKey),
    // OpenSSH stores the 64-byte form: the 32-byte seed followed by the public key.
    encodeString(Buffer.concat([seed, publicKey])),
    encodeString(comment),
  ]);
  const paddingLength = (BLOCK_SIZE - (section.length % BLOCK_SIZE)) % BLOCK_SIZE;
  const padding = Buffer.from(Array.from({ length: paddingLength }, (_, index) => index + 1));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    encodeString('none'),
    encodeString('none'),
    encodeString(''),
    encodeUint32(1),
    encodeString(publicBlob),
    encodeString(Buffer.concat([section, padding])),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/**
 * Generate an ed25519 key pair with node:crypto, as the OpenSSH public key line and OpenSSH private key
 * that `ssh`, `ssh-keygen` and Ansible accept, with its MD5 and SHA256 fingerprints.
 */
export function generateSshKeyPair(options: GenerateSshKeyPairOptions = {}): GeneratedSshKeyPair {
  // Newlines would break the one-line public key format; other text is kept as given.
  const comment = (options.comment ?? 'pressluft').replace(/[\r\n]+/g, ' ').trim();
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url');
  const publicBlob = Buffer.concat([encodeString(KEY_TYPE), encodeString(publicKey)]);
  const line = `${KEY_TYPE} ${publicBlob.toString('base64')}`;
  return {
    publicKey: comment === '' ? line : `${line} ${comment}`,
    privateKey: opensshPrivateKey(seed, publicKey, publicBlob, comment),
    fingerprintMd5: md5Fingerprint(publicBlob),
    fingerprintSha256: sha256Fingerprint(publicBlob),
  };
}
