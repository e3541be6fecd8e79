import type { ResultAsync } from 'neverthrow';
import type { PressluftError } from '../errors/pressluft-error.js';
import type { JobEvent, JobRecord, JobStatus } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { NodeRecord, NodeStatus } from '../model/node.js';
import type { ProviderConnection } from '../model/provider-connection.js';
import type { CredentialCheck, ProviderCatalog, ProviderInfo } from '../spec/node-provider-v1.js';
import type { NodeChange } from '../spec/store-lists.js';
import type { RuntimeReadiness } from './runtime-readiness.js';

/** A provider connection as shown to operators: everything but the sealed token. */
export type ProviderConnectionView = Omit<ProviderConnection, 'sealedToken'>;

/** Connecting a provider account. */
export interface ConnectProviderInput {
  /** The provider type, one of {@link ControlPlaneProviders.types}. */
  readonly type: string;
  /** A name for the connection. */
  readonly name: string;
  /** The API token; checked live, then stored sealed and never shown again. */
  readonly token: string;
}

/** A provider connection with the result of the live check just made. */
export interface CheckedProviderConnection {
  /** The saved connection, without its token. */
  readonly connection: ProviderConnectionView;
  /** The result of the live check. */
  readonly check: CredentialCheck;
}

/** Creating a node. */
export interface CreateNodeInput {
  /** The provider connection to acquire the server from; it must be connected. */
  readonly providerId: string;
  /** Lower-case letters, digits and dashes, 1–63 characters; also the server's name. */
  readonly name: string;
  /** The provider location, such as `fsn1`. */
  readonly location: string;
  /** The provider server type, such as `cx22`. */
  readonly serverType: string;
  /** Defaults to `ubuntu-24.04`. */
  readonly image?: string;
}

/** A node with the job just started for it. */
export interface NodeWithJob {
  /** The node. */
  readonly node: NodeRecord;
  /** The job started for it. */
  readonly job: JobRecord;
}

/** A job as shown to operators: its record plus the guidance of its last error. */
export interface JobView extends JobRecord {
  /** Guidance for the last error code, when there is one. */
  readonly lastErrorGuidance: string | null;
}

/** Subscribing to a job's events. */
export interface SubscribeOptions {
  /** Start after this sequence number (resume). */
  readonly afterSeq?: number;
  /** Stop the iteration when aborted. */
  readonly signal?: AbortSignal;
}

/** One page of a list, with the opaque cursor of the next one. */
export interface Page<T> {
  /** The rows of this page, in list order. */
  readonly items: readonly T[];
  /** Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it. */
  readonly nextCursor: string | null;
}

/** Asking for a page of nodes; filters combine with AND. */
export interface NodeListQuery {
  /** Rows per page: default 50, at most 500. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Only nodes in these statuses. */
  readonly statuses?: readonly NodeStatus[];
  /** Only nodes of this provider connection. */
  readonly providerId?: string;
  /** Only nodes whose name starts with this. */
  readonly namePrefix?: string;
  /** Include deleted nodes (left out by default). */
  readonly includeDeleted?: boolean;
}

/** Asking for a page of jobs (newest first); filters combine with AND. */
export interface JobListQuery {
  /** Rows per page: default 50, at most 500. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Only jobs of this node. */
  readonly nodeId?: string;
  /** Only jobs in these statuses. */
  readonly statuses?: readonly JobStatus[];
  /** Only jobs of these kinds. */
  readonly kinds?: readonly string[];
}

/** Following node changes. */
export interface NodeChangesOptions {
  /** Start after this change sequence value (the last `seq` seen, or {@link ControlPlaneNodes.changeSeq}). */
  readonly afterSeq?: number;
  /** Stop the iteration when aborted. */
  readonly signal?: AbortSignal;
}

/** Provider operations of the control plane. */
export interface ControlPlaneProviders {
  /** The provider types this control plane can use. */
  types(): readonly ProviderInfo[];
  /** Check a token live and save the connection with its status (saved also when the check fails). */
  connect(input: ConnectProviderInput): ResultAsync<CheckedProviderConnection, PressluftError>;
  /** All connections. */
  list(): ResultAsync<readonly ProviderConnectionView[], PressluftError>;
  /** One connection; `NOT_FOUND` when absent. */
  get(id: string): ResultAsync<ProviderConnectionView, PressluftError>;
  /** Check the stored token live again and save the new status. */
  check(id: string): ResultAsync<CheckedProviderConnection, PressluftError>;
  /** Replace the token (checked live first) and save the new status. */
  rotateToken(id: string, token: string): ResultAsync<CheckedProviderConnection, PressluftError>;
  /** Delete a connection; `CONFLICT` while nodes use it. */
  delete(id: string): ResultAsync<void, PressluftError>;
  /** What can be ordered with this connection (locations, server types, images). */
  catalog(id: string): ResultAsync<ProviderCatalog, PressluftError>;
}

/** Node operations of the control plane. */
export interface ControlPlaneNodes {
  /** Save a node and enqueue its `node_provision` job; returns both at once (the work is async). */
  create(input: CreateNodeInput): ResultAsync<NodeWithJob, PressluftError>;
  /**
   * All nodes that are not deleted, oldest first (`includeDeleted` for all), in one array. Unbounded: for
   * scripts and tests; anything serving requests uses {@link ControlPlaneNodes.page}.
   */
  list(options?: { includeDeleted?: boolean }): ResultAsync<readonly NodeRecord[], PressluftError>;
  /** One page of nodes by `(createdAt, id)`; a malformed cursor is `VALIDATION_FAILED`. */
  page(query?: NodeListQuery): ResultAsync<Page<NodeRecord>, PressluftError>;
  /** The newest node change sequence value: render a view, then follow {@link ControlPlaneNodes.changes} from it. */
  changeSeq(): ResultAsync<number, PressluftError>;
  /**
   * Node changes after `afterSeq` (each node once, with its latest state), then live ones, until the signal
   * aborts. Writes of other processes sharing the store appear too, within the feed's poll interval.
   */
  changes(options?: NodeChangesOptions): AsyncIterable<NodeChange>;
  /** One batch of node changes after `afterSeq` (at most `limit`, default 50, at most 500), without waiting. */
  changesAfter(afterSeq: number, limit?: number): ResultAsync<readonly NodeChange[], PressluftError>;
  /** One node; `NOT_FOUND` when absent. */
  get(id: string): ResultAsync<NodeRecord, PressluftError>;
  /** Retry a failed (or re-provision a ready) node: a new job resuming from the last checkpoint. */
  retry(id: string): ResultAsync<NodeWithJob, PressluftError>;
  /** Cancel any running work and enqueue a `node_delete` job that removes the server, then the node. */
  delete(id: string): ResultAsync<NodeWithJob, PressluftError>;
  /** The jobs of a node, newest first. */
  jobs(id: string): ResultAsync<readonly JobView[], PressluftError>;
}

/** Job operations of the control plane. */
export interface ControlPlaneJobs {
  /** One job with error guidance; `NOT_FOUND` when absent. */
  get(id: string): ResultAsync<JobView, PressluftError>;
  /** One page of jobs, newest first; a malformed cursor is `VALIDATION_FAILED`. */
  page(query?: JobListQuery): ResultAsync<Page<JobView>, PressluftError>;
  /** A job's events so far. */
  events(id: string, options?: { afterSeq?: number }): ResultAsync<readonly JobEvent[], PressluftError>;
  /**
   * A job's events as they happen: first the stored ones after `afterSeq`, then live ones; the iteration
   * ends after the job's terminal event or when the signal aborts.
   */
  subscribe(id: string, options?: SubscribeOptions): AsyncIterable<JobEvent>;
  /** Ask a job to stop. */
  cancel(id: string): ResultAsync<JobView, PressluftError>;
}

/** The whole control plane: providers, nodes, jobs, and the worker that runs the jobs. */
export interface ControlPlane {
  /** Provider connections. */
  readonly providers: ControlPlaneProviders;
  /** Nodes and their lifecycle jobs. */
  readonly nodes: ControlPlaneNodes;
  /** Jobs and their event logs. */
  readonly jobs: ControlPlaneJobs;
  /**
   * Let the provisioner clean up after runs of a killed predecessor (`ProvisionerV1.recover`, when it
   * has one), then start the worker (claims, heartbeats, reaper). The provisioning runtime is checked in
   * the background, not awaited: a control plane without Ansible serves everything but provisioning,
   * and `nodes.create` answers `PROVISION_RUNTIME_MISSING` with the install command until it appears.
   */
  start(): ResultAsync<void, PressluftError>;
  /**
   * What is known about the provisioning runtime, without waiting (`checking` until the first check
   * answers); an answer older than the cache starts a new check, so health reports follow an install.
   */
  runtime(): RuntimeReadiness;
  /** Stop claiming, let running jobs finish within the grace period, release the rest, then resolve. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Extra data a log line can carry; scrubbed of secrets before it is written. */
export type LogFields = JsonObject;

/** Where the engine writes what it does; the example server writes JSON lines. */
export interface Logger {
  /** Detail for debugging. */
  debug(message: string, fields?: LogFields): void;
  /** Normal operation. */
  info(message: string, fields?: LogFields): void;
  /** Something unexpected that the control plane handled. */
  warn(message: string, fields?: LogFields): void;
  /** A failure that needs attention. */
  error(message: string, fields?: LogFields): void;
}
