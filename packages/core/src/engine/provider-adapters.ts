import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { ProviderError, ValidationError } from '../errors/error-families.js';
import type { PressluftError } from '../errors/pressluft-error.js';
import type { ProviderConnection } from '../model/provider-connection.js';
import type { NodeProviderFactoryV1, NodeProviderV1 } from '../spec/node-provider-v1.js';
import type { Store } from '../spec/store.js';
import type { SecretSealer } from './secret-sealer.js';

/** A connection with the adapter built for its token. */
export interface ConnectedProvider {
  /** The stored connection. */
  readonly connection: ProviderConnection;
  /** The adapter built for its token. */
  readonly provider: NodeProviderV1;
}

/**
 * Builds provider adapters from stored connections and keeps one per connection and token, so that
 * caches inside an adapter (catalog, rate-limit budget) live across jobs and requests.
 */
export class ProviderAdapters {
  readonly #factories: ReadonlyMap<string, NodeProviderFactoryV1>;
  readonly #store: Store;
  readonly #secrets: SecretSealer;
  readonly #adapters = new Map<string, { sealedToken: string; provider: NodeProviderV1 }>();

  /** Create the cache over the registered provider factories. */
  constructor(factories: readonly NodeProviderFactoryV1[], store: Store, secrets: SecretSealer) {
    this.#factories = new Map(factories.map((factory) => [factory.info.type, factory]));
    this.#store = store;
    this.#secrets = secrets;
  }

  /** The registered factories. */
  get factories(): readonly NodeProviderFactoryV1[] {
    return [...this.#factories.values()];
  }

  /** The factory of a provider type; `PROVIDER_TYPE_UNKNOWN` when none is registered. */
  factory(type: string): ResultAsync<NodeProviderFactoryV1, ProviderError> {
    const factory = this.#factories.get(type);
    if (factory === undefined) {
      return errAsync(
        new ProviderError({
          code: 'PROVIDER_TYPE_UNKNOWN',
          message: `No provider adapter is registered for type "${type}".`,
          details: { type, known: [...this.#factories.keys()] },
        }),
      );
    }
    return okAsync(factory);
  }

  /** Build a throwaway adapter for a token that is not stored yet (connect, rotate). */
  forToken(type: string, token: string): ResultAsync<NodeProviderV1, ProviderError> {
    return this.factory(type).map((factory) => factory.create({ token }));
  }

  /** The adapter of a stored connection; `NOT_FOUND` when the connection does not exist. */
  forConnection(connectionId: string): ResultAsync<ConnectedProvider, PressluftError> {
    return this.#store.getProviderConnection(connectionId).andThen((connection) => {
      if (connection === null) {
        return errAsync(
          new ValidationError({
            code: 'NOT_FOUND',
            message: `Provider connection ${connectionId} does not exist.`,
          }),
        );
      }
      const cached = this.#adapters.get(connection.id);
      if (cached !== undefined && cached.sealedToken === connection.sealedToken) {
        return okAsync({ connection, provider: cached.provider });
      }
      return this.factory(connection.type).andThen((factory) => {
        const opened = this.#secrets.open(connection.sealedToken);
        if (opened.isErr()) return errAsync(opened.error);
        const provider = factory.create({ token: opened.value });
        this.#adapters.set(connection.id, { sealedToken: connection.sealedToken, provider });
        return okAsync({ connection, provider });
      });
    });
  }

  /** Forget the adapter of a connection (after its token changed or it was deleted). */
  forget(connectionId: string): void {
    this.#adapters.delete(connectionId);
  }
}
