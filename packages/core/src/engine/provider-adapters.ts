import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { describeErrorCode } from '../errors/error-codes.js';
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

const providerMethods = [
  'validateCredentials',
  'listCatalog',
  'ensureSshKey',
  'createServer',
  'findServerByIdempotencyKey',
  'waitForActions',
  'getServer',
  'deleteServer',
] as const satisfies readonly (keyof NodeProviderV1)[];

/**
 * Wrap an adapter so that any call refused with `PROVIDER_TOKEN_READONLY` first runs `onReadOnly`. A live
 * credential check cannot always tell a read-only token apart (a provider may have no read-only probe, or
 * a probe that rests on an undocumented order of checks); the first refused write is the second signal, so
 * a wrong check never keeps a read-only connection marked `connected`.
 */
export function watchReadOnlyRefusals(
  provider: NodeProviderV1,
  onReadOnly: (error: ProviderError) => ResultAsync<unknown, unknown>,
): NodeProviderV1 {
  const wrapped: Record<string, unknown> = { ...provider };
  for (const method of providerMethods) {
    const original = provider[method] as (...args: unknown[]) => ResultAsync<unknown, ProviderError>;
    wrapped[method] = (...args: unknown[]) =>
      original.apply(provider, args).orElse((error) =>
        error.code === 'PROVIDER_TOKEN_READONLY'
          ? onReadOnly(error)
              .orElse(() => okAsync(undefined))
              .andThen(() => errAsync(error))
          : errAsync(error),
      );
  }
  return wrapped as unknown as NodeProviderV1;
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
  readonly #now: () => number;

  /**
   * Create the cache over the registered provider factories. `now` stamps the connection status when a
   * call is refused for a read-only token (see `watchReadOnlyRefusals` in this module).
   */
  constructor(
    factories: readonly NodeProviderFactoryV1[],
    store: Store,
    secrets: SecretSealer,
    now: () => number = Date.now,
  ) {
    this.#factories = new Map(factories.map((factory) => [factory.info.type, factory]));
    this.#store = store;
    this.#secrets = secrets;
    this.#now = now;
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
        // A stored connection's adapter marks the connection read-only on the first refused write.
        const provider = watchReadOnlyRefusals(factory.create({ token: opened.value }), (error) =>
          this.#store.updateProviderConnection(
            connection.id,
            {
              status: 'read_only',
              statusGuidance: error.guidance ?? describeErrorCode('PROVIDER_TOKEN_READONLY').guidance,
              checkedAt: this.#now(),
            },
            this.#now(),
          ),
        );
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
