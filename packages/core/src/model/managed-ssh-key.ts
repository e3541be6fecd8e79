import type { SealedSecret } from '../secrets/sealed-secret.js';

/** The SSH key pair Pressluft manages for one provider connection, and its registration there. */
export interface ManagedSshKey {
  /** The provider connection the key belongs to. */
  readonly providerId: string;
  /** The provider's id of the registered key, once registered. */
  readonly providerKeyId: string | null;
  /** The key's name at the provider. */
  readonly name: string;
  /** The OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
  readonly publicKey: string;
  /** The MD5 fingerprint, colon-separated hex, as Hetzner shows it. */
  readonly fingerprintMd5: string;
  /** The SHA256 fingerprint (`SHA256:…`), as `ssh-keygen -l` shows it. */
  readonly fingerprintSha256: string;
  /** The OpenSSH private key, sealed. */
  readonly sealedPrivateKey: SealedSecret;
  /** When the key was created (ms since the epoch). */
  readonly createdAt: number;
  /** When the key record last changed (ms since the epoch). */
  readonly updatedAt: number;
}
