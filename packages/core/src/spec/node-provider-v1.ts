import type { ResultAsync } from 'neverthrow';
import type { ProviderError } from '../errors/error-families.js';
import type { CredentialStatus } from '../model/provider-connection.js';
import type { SshTarget } from '../model/ssh-target.js';

/** Facts about a provider type, shown to operators before they connect one. */
export interface ProviderInfo {
  /** The type id, such as `hetzner`; stored on every connection. */
  readonly type: string;
  /** The name to show, such as `Hetzner Cloud`. */
  readonly displayName: string;
  /** Where the provider's API documentation lives. */
  readonly docsUrl: string;
  /** How an operator creates a token with the right permissions, step by step. */
  readonly tokenHelp: string;
}

/** The outcome of a live credential check. */
export interface CredentialCheck {
  /** What the check found. */
  readonly status: CredentialStatus;
  /** What the operator can do about it (also for `connected`: a short confirmation). */
  readonly guidance: string;
  /** The code behind a non-connected status, for logs and the API. */
  readonly errorCode?: ProviderError['code'];
}

/** A provider location (a data-centre site). */
export interface ProviderLocation {
  /** The location name used in requests, such as `fsn1`. */
  readonly name: string;
  /** A human description, such as `Falkenstein DC Park 1`. */
  readonly description: string;
  /** ISO country code. */
  readonly country: string;
  /** City name. */
  readonly city: string;
  /** The provider's network zone, such as `eu-central`. */
  readonly networkZone: string;
}

/** CPU architecture of a server type or image. */
export type Architecture = 'x86' | 'arm';

/** The price of a server type in one location. */
export interface ServerTypePrice {
  /** The location name. */
  readonly location: string;
  /** Monthly price including VAT, as a decimal string to avoid rounding. */
  readonly monthlyGross: string;
  /** Hourly price including VAT, as a decimal string. */
  readonly hourlyGross: string;
  /** ISO currency code. */
  readonly currency: string;
}

/**
 * A location where a server type is deprecated but can still be ordered: the provider has announced its
 * end, and the picker shows the date so that operators choose a successor in time.
 */
export interface ServerTypeDeprecation {
  /** The location name. */
  readonly location: string;
  /** When the deprecation was announced (ISO 8601), if the provider says. */
  readonly announced: string | null;
  /** After this moment (ISO 8601) it can no longer be ordered there; null when the provider gives no date. */
  readonly unavailableAfter: string | null;
}

/** A catalog entry the adapter left out because it could not understand it, kept so the picker can say so. */
export interface CatalogSkippedEntry {
  /** What the entry is. */
  readonly kind: 'location' | 'server_type' | 'image';
  /** Its name (or id, when it has no name); for a single location of a server type, `type@location`. */
  readonly name: string;
  /** Why it was left out, for a person. */
  readonly reason: string;
}

/** A server type the provider sells. */
export interface ProviderServerType {
  /** The name used in requests, such as `cx22`. */
  readonly name: string;
  /** A human description. */
  readonly description: string;
  /** Virtual CPU cores. */
  readonly cores: number;
  /** Memory in GB. */
  readonly memoryGb: number;
  /** Local disk in GB. */
  readonly diskGb: number;
  /** The CPU architecture. */
  readonly architecture: Architecture;
  /** The locations where it can be ordered now. */
  readonly availableIn: readonly string[];
  /** The locations where the provider recommends it (a subset of `availableIn`). */
  readonly recommendedIn: readonly string[];
  /** Prices per location. */
  readonly prices: readonly ServerTypePrice[];
  /** Locations of `availableIn` where it is deprecated, with the last day it can be ordered. */
  readonly deprecations?: readonly ServerTypeDeprecation[];
}

/** An operating-system image a server can be created from. */
export interface ProviderImage {
  /** The name used in requests, such as `ubuntu-24.04`. */
  readonly name: string;
  /** A human description. */
  readonly description: string;
  /** The architecture the image is built for. */
  readonly architecture: Architecture;
  /** The OS family, such as `ubuntu`. */
  readonly osFlavor: string;
  /** The OS version, such as `24.04`. */
  readonly osVersion: string;
}

/** What can be ordered: the pickers of the create-node form. */
export interface ProviderCatalog {
  /** Locations. */
  readonly locations: readonly ProviderLocation[];
  /** Server types that can be ordered somewhere now (deprecated ones until their last day, flagged). */
  readonly serverTypes: readonly ProviderServerType[];
  /** Images that are not deprecated. */
  readonly images: readonly ProviderImage[];
  /**
   * Entries left out because the adapter does not understand them (a new architecture, a type without
   * prices): one odd row never empties the whole catalog.
   */
  readonly skipped?: readonly CatalogSkippedEntry[];
}

/** Registering (or finding) the managed SSH key. */
export interface EnsureSshKeyInput {
  /** The name to register the key under if it is not there yet. */
  readonly name: string;
  /** The OpenSSH public key line. */
  readonly publicKey: string;
  /** The MD5 fingerprint (colon-separated hex), by which an existing key is found. */
  readonly fingerprintMd5: string;
  /** Labels marking the key as Pressluft's. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The registered SSH key. */
export interface EnsuredSshKey {
  /** The provider's id of the key. */
  readonly providerKeyId: string;
  /** The key's name at the provider (it may differ from the requested one when the key was found). */
  readonly name: string;
  /** Whether this call created it, as opposed to finding it. */
  readonly created: boolean;
}

/** Creating a server, idempotently. */
export interface CreateServerInput {
  /** The server name. */
  readonly name: string;
  /** The location name. */
  readonly location: string;
  /** The server type name. */
  readonly serverType: string;
  /** The image name. */
  readonly image: string;
  /** Provider ids of SSH keys to install for root. */
  readonly sshKeyIds: readonly string[];
  /**
   * The caller's key for this acquisition. A second call with the same key returns the first server
   * (`adopted: true`) instead of creating another.
   */
  readonly idempotencyKey: string;
  /** Extra labels for the server; the provider adds its ownership and idempotency labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Cancels waiting; a request already sent may still create the server (find it by idempotency key). */
  readonly signal?: AbortSignal;
}

/** The created (or adopted) server and the actions to wait for. */
export interface CreatedServer {
  /** The provider's id of the server. */
  readonly serverId: string;
  /** Provider actions that must finish before the server is usable (empty when adopted and settled). */
  readonly actionIds: readonly string[];
  /** True when an existing server with our idempotency key was returned instead of creating one. */
  readonly adopted: boolean;
}

/** A server as the provider reports it. */
export interface ProviderServer {
  /** The provider's id. */
  readonly id: string;
  /** The server name. */
  readonly name: string;
  /** The provider's status, normalized. */
  readonly status: 'initializing' | 'starting' | 'running' | 'stopping' | 'off' | 'deleting' | 'unknown';
  /** The public IPv4 address, if any. */
  readonly ipv4: string | null;
  /** The IPv6 host address (for a /64 network, its `::1`), if any. */
  readonly ipv6: string | null;
  /** Where to SSH to: IPv4 when present, otherwise IPv6; null when the server has no public address. */
  readonly sshTarget: SshTarget | null;
  /** The server's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The idempotency key label, when the server is Pressluft's. */
  readonly idempotencyKey: string | null;
}

/** Waiting for provider actions. */
export interface WaitForActionsOptions {
  /** Give up after this many milliseconds with `PROVIDER_TIMEOUT`. Defaults to the provider's setting. */
  readonly deadlineMs?: number;
  /** Stop waiting when aborted. */
  readonly signal?: AbortSignal;
}

/** Options of a single provider call. */
export interface ProviderCallOptions {
  /** Stop when aborted. */
  readonly signal?: AbortSignal;
}

/** The outcome of deleting a server. */
export interface DeletedServer {
  /** False when the server was already gone. */
  readonly deleted: boolean;
}

/**
 * A cloud provider that can acquire servers: version 1 of the adapter contract.
 *
 * Every fallible method returns a `ResultAsync` whose error is a {@link ProviderError} with a
 * `PROVIDER_*` code; adapters never throw for expected failures. Implementations must make
 * {@link NodeProviderV1.ensureSshKey} and {@link NodeProviderV1.createServer} idempotent: the engine
 * calls them again after crashes and retries.
 */
export interface NodeProviderV1 {
  /** The contract version this adapter implements. */
  readonly specificationVersion: 'v1';
  /** Facts about the provider type. */
  readonly info: ProviderInfo;
  /** Check the token live (never by its shape): connected, invalid, read-only, lacking permissions, or unreachable. */
  validateCredentials(options?: ProviderCallOptions): ResultAsync<CredentialCheck, ProviderError>;
  /** What can be ordered: locations, server types with availability and price, images. */
  listCatalog(options?: ProviderCallOptions): ResultAsync<ProviderCatalog, ProviderError>;
  /** Find the key by fingerprint and reuse it, or register it; idempotent. */
  ensureSshKey(
    input: EnsureSshKeyInput,
    options?: ProviderCallOptions,
  ): ResultAsync<EnsuredSshKey, ProviderError>;
  /** Create a server, or return the one already created under the same idempotency key. */
  createServer(input: CreateServerInput): ResultAsync<CreatedServer, ProviderError>;
  /** Find the server created under an idempotency key, if any. */
  findServerByIdempotencyKey(
    idempotencyKey: string,
    options?: ProviderCallOptions,
  ): ResultAsync<ProviderServer | null, ProviderError>;
  /** Wait until all the actions finish; an action ending in error gives `PROVIDER_ACTION_FAILED`. */
  waitForActions(
    actionIds: readonly string[],
    options?: WaitForActionsOptions,
  ): ResultAsync<void, ProviderError>;
  /** Fetch a server with its addresses and SSH target. */
  getServer(serverId: string, options?: ProviderCallOptions): ResultAsync<ProviderServer, ProviderError>;
  /** Delete a server Pressluft owns (checked by label) and wait for it; a server already gone is not an error. */
  deleteServer(serverId: string, options?: ProviderCallOptions): ResultAsync<DeletedServer, ProviderError>;
}

/** What a provider factory needs to build an adapter for one connection. */
export interface ProviderAdapterOptions {
  /** The connection's API token, opened from its sealed form. */
  readonly token: string;
}

/** A provider type the control plane can use: its info and a way to build an adapter for a token. */
export interface NodeProviderFactoryV1 {
  /** The contract version. */
  readonly specificationVersion: 'v1';
  /** Facts about the provider type. */
  readonly info: ProviderInfo;
  /** Build an adapter for one connection. */
  create(options: ProviderAdapterOptions): NodeProviderV1;
}
