import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { ProviderError, ValidationError } from '../errors/error-families.js';
import type { PressluftError } from '../errors/pressluft-error.js';
import type { ManagedSshKey } from '../model/managed-ssh-key.js';
import type { EnsuredSshKey, NodeProviderV1 } from '../spec/node-provider-v1.js';
import type { Store } from '../spec/store.js';
import type { Clock } from './clock.js';
import type { SecretSealer } from './secret-sealer.js';

/** A freshly generated key pair in the forms the engine stores and registers. */
export interface GeneratedKeyPair {
  /** The OpenSSH public key line. */
  readonly publicKey: string;
  /** The OpenSSH private key. */
  readonly privateKey: string;
  /** MD5 fingerprint, colon-separated hex. */
  readonly fingerprintMd5: string;
  /** `SHA256:` fingerprint. */
  readonly fingerprintSha256: string;
}

/** Labels on everything Pressluft registers at a provider. */
export const managedKeyLabels: Readonly<Record<string, string>> = { 'pressluft-managed': 'true' };

/**
 * The managed SSH key of each provider connection: generated once, stored with its private key sealed,
 * registered (or found by fingerprint) at the provider on every acquisition, never replaced behind a
 * running acquisition's back.
 */
export class ManagedKeys {
  readonly #store: Store;
  readonly #secrets: SecretSealer;
  readonly #generate: () => GeneratedKeyPair;
  readonly #clock: Clock;

  /** Create the key manager. */
  constructor(store: Store, secrets: SecretSealer, generate: () => GeneratedKeyPair, clock: Clock) {
    this.#store = store;
    this.#secrets = secrets;
    this.#generate = generate;
    this.#clock = clock;
  }

  /**
   * The connection's key, generated and saved on first use. Generation and saving happen in one
   * transaction, so two jobs starting at once end up with the same key.
   */
  local(providerId: string): ResultAsync<ManagedSshKey, PressluftError> {
    return this.#store.transaction((tx) =>
      tx.getManagedSshKey(providerId).andThen((existing): ResultAsync<ManagedSshKey, PressluftError> => {
        if (existing !== null) return okAsync(existing);
        const pair = this.#generate();
        const sealed = this.#secrets.seal(pair.privateKey);
        if (sealed.isErr()) return errAsync(sealed.error);
        return tx.saveManagedSshKey(
          {
            providerId,
            providerKeyId: null,
            name: `pressluft-${providerId.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`,
            publicKey: pair.publicKey,
            fingerprintMd5: pair.fingerprintMd5,
            fingerprintSha256: pair.fingerprintSha256,
            sealedPrivateKey: sealed.value,
          },
          this.#clock.now(),
        );
      }),
    );
  }

  /**
   * Make sure the provider has the key: found by fingerprint and reused, or registered. A failure is
   * `PROVIDER_SSH_KEY_FAILED` unless it is transient (then it keeps its retryable code); there is no
   * fallback to another key or to passwords.
   */
  ensureRegistered(
    providerId: string,
    provider: NodeProviderV1,
    signal?: AbortSignal,
  ): ResultAsync<EnsuredSshKey, PressluftError> {
    return this.local(providerId).andThen((key) =>
      provider
        .ensureSshKey(
          {
            name: key.name,
            publicKey: key.publicKey,
            fingerprintMd5: key.fingerprintMd5,
            labels: managedKeyLabels,
          },
          signal === undefined ? {} : { signal },
        )
        .mapErr((error): PressluftError => {
          if (error.retryable || error.code === 'PROVIDER_SSH_KEY_FAILED') return error;
          return new ProviderError({
            code: 'PROVIDER_SSH_KEY_FAILED',
            message: `Could not register the managed SSH key: ${error.message}`,
            details: { providerCode: error.code, ...(error.details ?? {}) },
            cause: error,
          });
        })
        .andThen((ensured) => {
          if (ensured.providerKeyId === key.providerKeyId) return okAsync(ensured);
          const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = key;
          return this.#store
            .saveManagedSshKey({ ...rest, providerKeyId: ensured.providerKeyId }, this.#clock.now())
            .map(() => ensured);
        }),
    );
  }

  /** The connection's private key, opened; `NOT_FOUND` before the key exists. */
  privateKey(providerId: string): ResultAsync<string, PressluftError> {
    return this.#store.getManagedSshKey(providerId).andThen((key) => {
      if (key === null) {
        return errAsync(
          new ValidationError({
            code: 'NOT_FOUND',
            message: `Provider connection ${providerId} has no managed SSH key.`,
          }),
        );
      }
      const opened = this.#secrets.open(key.sealedPrivateKey);
      return opened.isOk() ? okAsync(opened.value) : errAsync(opened.error);
    });
  }
}
