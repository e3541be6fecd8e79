import type { JsonObject } from '../model/json.js';

/** A value, or a promise of it: synchronous database drivers can answer without a promise. */
export type Awaitable<T> = T | Promise<T>;

/**
 * A job row as the database holds it, read without going through the store's own code (for SQLite:
 * one `SELECT` mapped column by column). Loose types let a driver hand back what it stored: `0`/`1`
 * for booleans, JSON text for objects, an integer lease token.
 */
export interface RawJobRow {
  /** The stored status. */
  readonly status: string;
  /** Attempts counted so far. */
  readonly attempts: number;
  /** Attempts allowed. */
  readonly maxAttempts: number;
  /** The earliest claim time (ms since the epoch). */
  readonly runAt: number;
  /** The lease owner, or null. */
  readonly leaseOwner: string | null;
  /** The lease token; compared as a string with the store's `leaseToken`. */
  readonly leaseToken: string | number | null;
  /** The lease end (ms since the epoch), or null. */
  readonly leaseExpiresAt: number | null;
  /** The checkpoint as an object or as JSON text, or null. */
  readonly checkpoint: JsonObject | string | null;
  /** The current step, or null. */
  readonly currentStep: string | null;
  /** The dedupe key, or null. */
  readonly dedupeKey: string | null;
  /** Whether cancellation was requested (`0`/`1` accepted). */
  readonly cancelRequested: boolean | number;
  /** The last error code, or null. */
  readonly lastErrorCode: string | null;
  /** The last error message, or null. */
  readonly lastErrorMessage: string | null;
  /** When the job reached a final status, or null. */
  readonly finishedAt: number | null;
}

/** A job event row as the database holds it. */
export interface RawJobEventRow {
  /** The per-job sequence number. */
  readonly seq: number;
  /** The event type. */
  readonly type: string;
  /** When it happened (ms since the epoch). */
  readonly at: number;
}

/** A node row as the database holds it. */
export interface RawNodeRow {
  /** The stored status. */
  readonly status: string;
  /** The provider connection id. */
  readonly providerId: string;
  /** The idempotency key. */
  readonly idempotencyKey: string;
  /** The provider's server id, or null. */
  readonly providerServerId: string | null;
  /** The last error code, or null. */
  readonly lastErrorCode: string | null;
}

/** A provider connection row as the database holds it. */
export interface RawProviderConnectionRow {
  /** The name. */
  readonly name: string;
  /** The sealed token exactly as stored. */
  readonly sealedToken: string;
  /** The stored status. */
  readonly status: string;
}

/** A managed SSH key row as the database holds it. */
export interface RawManagedSshKeyRow {
  /** The provider's key id, or null. */
  readonly providerKeyId: string | null;
  /** The SHA256 fingerprint. */
  readonly fingerprintSha256: string;
  /** The sealed private key exactly as stored. */
  readonly sealedPrivateKey: string;
}

/**
 * The raw read-back channel of the store conformance kit: it reads what a store really wrote, around the
 * store's own read path, so a write that only looks right through the adapter is caught. Each method
 * returns `null` (or an empty list) when the row does not exist.
 */
export interface StoreReadBack {
  /** The job row with this id. */
  job(id: string): Awaitable<RawJobRow | null>;
  /** The event rows of a job, ordered by sequence. */
  jobEvents(jobId: string): Awaitable<readonly RawJobEventRow[]>;
  /** The node row with this id. */
  node(id: string): Awaitable<RawNodeRow | null>;
  /** The provider connection row with this id. */
  providerConnection(id: string): Awaitable<RawProviderConnectionRow | null>;
  /** The managed SSH key row of a provider connection. */
  managedSshKey(providerId: string): Awaitable<RawManagedSshKeyRow | null>;
  /**
   * All text the store holds (for SQLite: every text column of every table, or the database file's
   * bytes), so the kit can check that no plaintext secret was stored. Without it that check is left out.
   */
  rawText?(): Awaitable<string>;
}
