import type { Result, ResultAsync } from 'neverthrow';
import type { ErrorCode } from '../errors/error-codes.js';
import type { JobError, StoreError, ValidationError } from '../errors/error-families.js';
import type { JobEvent, JobEventType, JobRecord, JobStatus } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { ManagedSshKey } from '../model/managed-ssh-key.js';
import type { NodeRecord, NodeStatus } from '../model/node.js';
import type { ProviderConnection, ProviderConnectionStatus } from '../model/provider-connection.js';
import type { SshTarget } from '../model/ssh-target.js';
import type { SealedSecret } from '../secrets/sealed-secret.js';
import type { JobPageQuery, ListPage, NodeChange, NodeChangeQuery, NodePageQuery } from './store-lists.js';

/** Creating a provider connection. */
export interface NewProviderConnection {
  /** The provider type. */
  readonly type: string;
  /** The operator's name for it. */
  readonly name: string;
  /** The sealed token. */
  readonly sealedToken: SealedSecret;
  /** The status of the live check done before saving, if any. */
  readonly status?: ProviderConnectionStatus;
  /** Guidance from that check. */
  readonly statusGuidance?: string | null;
  /** When that check ran. */
  readonly checkedAt?: number | null;
}

/** Changing a provider connection; absent fields stay as they are. */
export interface ProviderConnectionPatch {
  /** A new name. */
  readonly name?: string;
  /** A new sealed token (after a rotation). */
  readonly sealedToken?: SealedSecret;
  /** The status of the latest live check. */
  readonly status?: ProviderConnectionStatus;
  /** Guidance from that check. */
  readonly statusGuidance?: string | null;
  /** When that check ran (ms since the epoch). */
  readonly checkedAt?: number | null;
}

/** Creating a node. */
export interface NewNode {
  /** The provider connection the server comes from. */
  readonly providerId: string;
  /** The node name; also the server name. */
  readonly name: string;
  /** The provider location. */
  readonly location: string;
  /** The provider server type. */
  readonly serverType: string;
  /** The image name. */
  readonly image: string;
  /** Unique across nodes; also labels the server. */
  readonly idempotencyKey: string;
  /** Defaults to `pending`. */
  readonly status?: NodeStatus;
}

/** Changing a node; absent fields stay as they are, `null` clears. */
export interface NodePatch {
  /** A new status (the caller checks it against `nodeTransitions`). */
  readonly status?: NodeStatus;
  /** The provider's id of the server. */
  readonly providerServerId?: string | null;
  /** The public IPv4 address. */
  readonly ipv4?: string | null;
  /** The IPv6 host address. */
  readonly ipv6?: string | null;
  /** Where to SSH to. */
  readonly sshTarget?: SshTarget | null;
  /** The pinned SSH host key. */
  readonly hostKey?: string | null;
  /** The code of the last failure, or null to clear it. */
  readonly lastErrorCode?: ErrorCode | null;
  /** The message of the last failure, or null to clear it. */
  readonly lastErrorMessage?: string | null;
}

/** Filters for listing nodes. */
export interface NodeFilter {
  /** Only nodes of this provider connection. */
  readonly providerId?: string;
  /** Only nodes in these statuses. */
  readonly statuses?: readonly NodeStatus[];
}

/** Saving the managed key of a provider connection (insert or replace). */
export type ManagedSshKeyInput = Omit<ManagedSshKey, 'createdAt' | 'updatedAt'>;

/** Enqueueing a job. */
export interface NewJob {
  /** The job kind, which selects the handler. */
  readonly kind: string;
  /** The node the job works on. */
  readonly nodeId?: string | null;
  /** The handler's input. */
  readonly payload?: JsonObject;
  /** Defaults to 5. */
  readonly maxAttempts?: number;
  /** Defaults to now. */
  readonly runAt?: number;
  /** Continue from an earlier job's progress (retrying a failed node). */
  readonly checkpoint?: JsonObject | null;
  /**
   * While a job with this key is queued or running, enqueueing again returns it (`created: false`)
   * instead of adding a second one.
   */
  readonly dedupeKey?: string | null;
}

/** The result of an enqueue. */
export interface EnqueuedJob {
  /** The new job, or the unfinished one with the same dedupe key. */
  readonly job: JobRecord;
  /** False when an unfinished job with the same dedupe key was returned instead. */
  readonly created: boolean;
}

/** Claiming due jobs. */
export interface ClaimJobsInput {
  /** Who claims (a worker id); stored as the lease owner. */
  readonly owner: string;
  /** How many jobs at most. */
  readonly limit: number;
  /** Lease length in milliseconds. */
  readonly leaseMs: number;
  /** The claim clock (ms since the epoch); jobs with `runAt <= now` are due. */
  readonly now: number;
  /** Only these kinds, when given. */
  readonly kinds?: readonly string[];
}

/** Identifies one attempt of a running job; every write out of `running` carries it. */
export interface JobLease {
  /** The job. */
  readonly jobId: string;
  /** The lease token the claim handed out. */
  readonly leaseToken: string;
}

/** Renewing a lease, optionally saving progress at the same time. */
export interface HeartbeatInput extends JobLease {
  /** The new lease length from `now`. */
  readonly leaseMs: number;
  /** The current time (ms since the epoch). */
  readonly now: number;
}

/** What a heartbeat learns. */
export interface HeartbeatResult {
  /** The new lease end. */
  readonly leaseExpiresAt: number;
  /** Whether cancellation was requested: the worker should abort the handler. */
  readonly cancelRequested: boolean;
}

/** Saving a running job's progress. */
export interface CheckpointInput extends JobLease {
  /** The progress to save (replaces the previous checkpoint). */
  readonly checkpoint: JsonObject;
  /** The step in progress. */
  readonly currentStep: string | null;
  /** The current time (ms since the epoch). */
  readonly now: number;
}

/** How a running attempt ends. */
export type JobOutcome =
  | {
      /** The attempt did its work. */
      readonly status: 'succeeded';
    }
  | {
      /** The job ends for good. */
      readonly status: 'failed';
      /** The code of the failure. */
      readonly errorCode: ErrorCode;
      /** The message of the failure, scrubbed of secrets. */
      readonly errorMessage: string;
    }
  | {
      /** The job was cancelled. */
      readonly status: 'cancelled';
      /** Why, when known. */
      readonly errorCode?: ErrorCode;
      /** A message, when known. */
      readonly errorMessage?: string;
    }
  | {
      /** Back to the queue for another attempt. */
      readonly status: 'queued';
      /** The earliest time of the next attempt (ms since the epoch). */
      readonly runAt: number;
      /** The code of the failure that is retried. */
      readonly errorCode?: ErrorCode;
      /** Its message. */
      readonly errorMessage?: string;
      /** Give the attempt back (graceful shutdown, rate limit): `attempts` goes down by one. */
      readonly refundAttempt?: boolean;
    };

/** Ending a running attempt, fenced by its lease. */
export interface SettleJobInput extends JobLease {
  /** How the attempt ends. */
  readonly outcome: JobOutcome;
  /** The current time (ms since the epoch). */
  readonly now: number;
}

/** Appending to a job's event log. */
export interface NewJobEvent {
  /** The job the event belongs to. */
  readonly jobId: string;
  /** What happened. */
  readonly type: JobEventType;
  /** When it happened (ms since the epoch). */
  readonly at: number;
  /** Facts about the event; never secrets. */
  readonly data?: JsonObject;
}

/** Filters for listing jobs. */
export interface JobFilter {
  /** Only jobs of this node. */
  readonly nodeId?: string;
  /** Only jobs in these statuses. */
  readonly statuses?: readonly JobStatus[];
  /** Only jobs of these kinds. */
  readonly kinds?: readonly string[];
  /** Newest first, at most this many. */
  readonly limit?: number;
}

/** The errors a store operation can return. */
export type StoreOperationError = StoreError | ValidationError;

/** The errors of a fenced job write: a lost lease or an illegal transition, besides store errors. */
export type FencedWriteError = StoreOperationError | JobError;

/**
 * The data operations of a store, usable inside and outside a transaction.
 *
 * Getters return `null` for a missing row; updates of a missing row return `NOT_FOUND`.
 * Times are milliseconds since the epoch, passed in by the caller so that one clock rules.
 */
export interface StoreOperations {
  // provider connections
  /** Save a new provider connection. */
  createProviderConnection(
    input: NewProviderConnection,
    now: number,
  ): ResultAsync<ProviderConnection, StoreOperationError>;
  /** One provider connection, or null. */
  getProviderConnection(id: string): ResultAsync<ProviderConnection | null, StoreOperationError>;
  /** All provider connections, oldest first. */
  listProviderConnections(): ResultAsync<readonly ProviderConnection[], StoreOperationError>;
  /** Change a provider connection. */
  updateProviderConnection(
    id: string,
    patch: ProviderConnectionPatch,
    now: number,
  ): ResultAsync<ProviderConnection, StoreOperationError>;
  /** Delete a provider connection and its managed key; `CONFLICT` while nodes that are not deleted use it. */
  deleteProviderConnection(id: string): ResultAsync<void, StoreOperationError>;

  // nodes
  /** Save a new node; `CONFLICT` when the idempotency key is taken. */
  createNode(input: NewNode, now: number): ResultAsync<NodeRecord, StoreOperationError>;
  /** One node, or null. */
  getNode(id: string): ResultAsync<NodeRecord | null, StoreOperationError>;
  /**
   * Every node that matches, oldest first, in one array. Unbounded: for scripts, tests and maintenance;
   * request paths use {@link StoreOperations.pageNodes}.
   */
  listNodes(filter?: NodeFilter): ResultAsync<readonly NodeRecord[], StoreOperationError>;
  /**
   * One page of nodes, ordered by `(createdAt, id)`, after `query.after` when given. Filtering (deleted
   * nodes included) happens in the query, and the order has an index, so the cost of a page depends on
   * its size, not on the number of nodes.
   */
  pageNodes(query: NodePageQuery): ResultAsync<ListPage<NodeRecord>, StoreOperationError>;
  /**
   * The node of a provider connection with this exact name that is not deleted, or null: the name-clash
   * check of a create, answered by an index instead of a list.
   */
  findNodeByName(providerId: string, name: string): ResultAsync<NodeRecord | null, StoreOperationError>;
  /**
   * Nodes changed after `query.afterSeq`, each once with its latest state, in change order. See
   * {@link NodeChange} for the guarantees of the sequence (monotonic, persistent, visible in order).
   */
  listNodeChanges(query: NodeChangeQuery): ResultAsync<readonly NodeChange[], StoreOperationError>;
  /** The newest value of the node change sequence (0 before the first change): where a live view starts. */
  lastNodeChangeSeq(): ResultAsync<number, StoreOperationError>;
  /** Change a node. The caller checks status transitions against `nodeTransitions`. */
  updateNode(id: string, patch: NodePatch, now: number): ResultAsync<NodeRecord, StoreOperationError>;

  // managed SSH keys
  /** The managed key of a provider connection, or null. */
  getManagedSshKey(providerId: string): ResultAsync<ManagedSshKey | null, StoreOperationError>;
  /** Insert or replace the managed key of a provider connection. */
  saveManagedSshKey(input: ManagedSshKeyInput, now: number): ResultAsync<ManagedSshKey, StoreOperationError>;

  // jobs
  /** Add a job, or return the unfinished one with the same dedupe key; appends `job-queued` when created. */
  enqueueJob(input: NewJob, now: number): ResultAsync<EnqueuedJob, StoreOperationError>;
  /** One job, or null. */
  getJob(id: string): ResultAsync<JobRecord | null, StoreOperationError>;
  /** Jobs, newest first; unbounded without `limit` (request paths use {@link StoreOperations.pageJobs}). */
  listJobs(filter?: JobFilter): ResultAsync<readonly JobRecord[], StoreOperationError>;
  /** One page of jobs, newest first by `(createdAt, id)`, after `query.after` when given. */
  pageJobs(query: JobPageQuery): ResultAsync<ListPage<JobRecord>, StoreOperationError>;
  /**
   * Claim due queued jobs in one atomic step, oldest `runAt` first (ties by id): each becomes `running`
   * with a fresh lease token, and its attempt is counted. The result is in that same order.
   */
  claimJobs(input: ClaimJobsInput): ResultAsync<readonly JobRecord[], StoreOperationError>;
  /** Renew a lease; `JOB_LEASE_LOST` when the token no longer matches a running attempt. */
  heartbeatJob(input: HeartbeatInput): ResultAsync<HeartbeatResult, FencedWriteError>;
  /** Save progress of a running attempt; fenced like every write of a running job. */
  checkpointJob(input: CheckpointInput): ResultAsync<JobRecord, FencedWriteError>;
  /** End a running attempt; `JOB_LEASE_LOST` (and nothing written) when the lease is not held. */
  settleJob(input: SettleJobInput): ResultAsync<JobRecord, FencedWriteError>;
  /**
   * End many running attempts in one step: a worker's batched settlement, so that a stream of short jobs
   * pays one statement per batch instead of one per job. Each item is fenced on its own, exactly as if
   * {@link StoreOperations.settleJob} were called for the items in order: an item whose lease is not held
   * gets `JOB_LEASE_LOST` in its slot and writes nothing, and the other items are still written. The
   * results are in input order. An `Err` of the whole call (a store failure) means nothing was written.
   */
  settleJobs(
    inputs: readonly SettleJobInput[],
  ): ResultAsync<readonly Result<JobRecord, FencedWriteError>[], StoreOperationError>;
  /**
   * Ask for cancellation: a queued job becomes `cancelled` at once; a running one gets
   * `cancelRequested` for its worker to act on; a finished one is returned unchanged.
   */
  requestJobCancel(jobId: string, now: number): ResultAsync<JobRecord, StoreOperationError>;
  /** Running jobs whose lease ended before `now`, for the reaper to settle through the retry path. */
  listExpiredLeases(now: number, limit: number): ResultAsync<readonly JobRecord[], StoreOperationError>;
  /** The earliest `runAt` among queued jobs, so a worker can sleep until then; null when none. */
  nextRunAt(kinds?: readonly string[]): ResultAsync<number | null, StoreOperationError>;

  // job events
  /** Append an event with the next sequence number of its job. */
  appendJobEvent(event: NewJobEvent): ResultAsync<JobEvent, StoreOperationError>;
  /**
   * Append several events in one step, in order, each with the next sequence number of its job (two events
   * of one job get consecutive numbers). All or nothing: an unknown job fails the call with `NOT_FOUND`
   * and appends none of them.
   */
  appendJobEvents(events: readonly NewJobEvent[]): ResultAsync<readonly JobEvent[], StoreOperationError>;
  /** A job's events in order, after a sequence number when given. */
  listJobEvents(
    jobId: string,
    options?: { afterSeq?: number; limit?: number },
  ): ResultAsync<readonly JobEvent[], StoreOperationError>;
}

/**
 * Where Pressluft keeps its state: version 1 of the persistence contract.
 *
 * Every operation is atomic. {@link Store.transaction} groups several so that, for example, a node's
 * status, its job's status and the job event change together or not at all.
 */
export interface Store extends StoreOperations {
  /** The contract version. */
  readonly specificationVersion: 'v1';
  /**
   * Run operations in one transaction. The callback must only use the `tx` it is given. An `Err` from
   * it rolls everything back and is returned; an `Ok` commits.
   */
  transaction<T, E>(fn: (tx: StoreOperations) => ResultAsync<T, E>): ResultAsync<T, E | StoreError>;
  /** Close the store; later calls fail with `STORE_UNAVAILABLE`. */
  close(): ResultAsync<void, StoreError>;
}
