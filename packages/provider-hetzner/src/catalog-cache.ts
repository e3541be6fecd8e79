import type { ProviderError } from '@pressluft/core';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { Clock } from './clock.js';
import type { HetznerCatalog } from './convert-catalog.js';

/** A cached catalog and whether it came straight from the API. */
export interface CachedCatalog {
  /** The catalog. */
  readonly catalog: HetznerCatalog;
  /** True when this call fetched it (so a failed validation cannot be blamed on staleness). */
  readonly fresh: boolean;
}

/**
 * Keeps the catalog for a TTL; concurrent callers share one in-flight fetch, and a failed fetch is not
 * cached. The catalog costs three or more requests of the hourly budget, and changes rarely.
 */
export class CatalogCache {
  readonly #load: () => ResultAsync<HetznerCatalog, ProviderError>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #value: { catalog: HetznerCatalog; fetchedAt: number } | null = null;
  #inFlight: ResultAsync<HetznerCatalog, ProviderError> | null = null;

  /** Create a cache. */
  constructor(load: () => ResultAsync<HetznerCatalog, ProviderError>, clock: Clock, ttlMs: number) {
    this.#load = load;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  /** The catalog, from the cache when younger than the TTL (unless `refresh`). */
  get(refresh = false): ResultAsync<CachedCatalog, ProviderError> {
    const now = this.#clock.now();
    if (!refresh && this.#value !== null && now - this.#value.fetchedAt < this.#ttlMs) {
      return okAsync({ catalog: this.#value.catalog, fresh: false });
    }
    if (this.#inFlight === null) {
      this.#inFlight = this.#load()
        .map((catalog) => {
          this.#value = { catalog, fetchedAt: this.#clock.now() };
          this.#inFlight = null;
          return catalog;
        })
        .mapErr((error) => {
          this.#inFlight = null;
          return error;
        });
    }
    return this.#inFlight.map((catalog) => ({ catalog, fresh: true }));
  }
}
