import type { SealedSecret } from '../secrets/sealed-secret.js';

/** The outcome of a live credential check of a provider connection. */
export type CredentialStatus =
  | 'connected'
  | 'invalid'
  | 'read_only'
  | 'insufficient_permissions'
  | 'unreachable';

/** The status of a stored provider connection: a credential status, or `unchecked` before the first check. */
export type ProviderConnectionStatus = CredentialStatus | 'unchecked';

/** A provider account Pressluft can create servers in; the token is stored sealed, never in plain text. */
export interface ProviderConnection {
  /** Stable id (`prv_…`). */
  readonly id: string;
  /** The provider type, such as `hetzner`. */
  readonly type: string;
  /** A name the operator chose. */
  readonly name: string;
  /** The API token, sealed with the secret key. */
  readonly sealedToken: SealedSecret;
  /** The status of the last live check. */
  readonly status: ProviderConnectionStatus;
  /** What the operator can do about the status, from the last check. */
  readonly statusGuidance: string | null;
  /** When the last live check ran (ms since the epoch). */
  readonly checkedAt: number | null;
  /** When the connection was created (ms since the epoch). */
  readonly createdAt: number;
  /** When the connection last changed (ms since the epoch). */
  readonly updatedAt: number;
}
