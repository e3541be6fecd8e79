import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { JobError, StoreError, ValidationError } from '../errors/error-families.js';
import { jobTransitions } from '../jobs/job-transitions.js';
import { checkTransition } from '../jobs/state-machine.js';
import type { JobEvent, JobRecord } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { ManagedSshKey } from '../model/managed-ssh-key.js';
import type { NodeRecord } from '../model/node.js';
import type { ProviderConnection } from '../model/provider-connection.js';
import type {
  CheckpointInput,
  ClaimJobsInput,
  FencedWriteError,
  HeartbeatInput,
  JobLease,
  ManagedSshKeyInput,
  NewJob,
  NewJobEvent,
  NewNode,
  NewProviderConnection,
  NodePatch,
  ProviderConnectionPatch,
  SettleJobInput,
  Store,
  StoreOperations,
} from '../spec/store.js';
import {
  type JobPageQuery,
  type ListPage,
  type ListPosition,
  maximumPageSize,
  type NodeChange,
  type NodeChangeQuery,
  type NodePageQuery,
} from '../spec/store-lists.js';
import { createId as createRandomId } from '../util/ids.js';
import { SerialQueue } from './serial-queue.js';

/** The tables of an in-memory store; records are replaced, never changed in place. */
export interface MemoryStoreTables {
  /** Provider connections by id. */
  readonly providerConnections: ReadonlyMap<string, ProviderConnection>;
  /** Nodes by id. */
  readonly nodes: ReadonlyMap<string, NodeRecord>;
  /** Managed SSH keys by provider connection id. */
  readonly managedSshKeys: ReadonlyMap<string, ManagedSshKey>;
  /** Jobs by id. */
  readonly jobs: ReadonlyMap<string, JobRecord>;
  /** Each job's events, in sequence order. */
  readonly jobEvents: ReadonlyMap<string, readonly JobEvent[]>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Makes ids; defaults to the core's `createId`. Tests pass a counter for predictable ids. */
  readonly createId?: (prefix: string) => string;
}

/** A `Store` kept in memory, with its tables open for inspection by tests. */
export interface MemoryStore extends Store {
  /** The committed tables (during a transaction: including its uncommitted writes). */
  readonly tables: MemoryStoreTables;
}

interface Tables {
  providerConnections: Map<string, ProviderConnection>;
  nodes: Map<string, NodeRecord>;
  managedSshKeys: Map<string, ManagedSshKey>;
  jobs: Map<string, JobRecord>;
  jobEvents: Map<string, readonly JobEvent[]>;
  /** The node change sequence value of each node's latest change. */
  nodeChangeSeqs: Map<string, number>;
  /** The newest value of the node change sequence. */
  nodeChangeCounter: number;
}

type Runner = <T, E>(task: (tables: Tables) => Result<T, E>) => ResultAsync<T, E | StoreError>;

const defaultMaxAttempts = 5;

function emptyTables(): Tables {
  return {
    providerConnections: new Map(),
    nodes: new Map(),
    managedSshKeys: new Map(),
    jobs: new Map(),
    jobEvents: new Map(),
    nodeChangeSeqs: new Map(),
    nodeChangeCounter: 0,
  };
}

// Records are immutable, so copying the maps is a complete snapshot (copy-on-write at table level).
function copyTables(tables: Tables): Tables {
  return {
    providerConnections: new Map(tables.providerConnections),
    nodes: new Map(tables.nodes),
    managedSshKeys: new Map(tables.managedSshKeys),
    jobs: new Map(tables.jobs),
    jobEvents: new Map(tables.jobEvents),
    nodeChangeSeqs: new Map(tables.nodeChangeSeqs),
    nodeChangeCounter: tables.nodeChangeCounter,
  };
}

function recordNodeChange(tables: Tables, nodeId: string): void {
  tables.nodeChangeCounter += 1;
  tables.nodeChangeSeqs.set(nodeId, tables.nodeChangeCounter);
}

function afterPosition(row: { createdAt: number; id: string }, after: ListPosition | null | undefined) {
  return (
    after == null ||
    row.createdAt > after.createdAt ||
    (row.createdAt === after.createdAt && row.id > after.id)
  );
}

function beforePosition(row: { createdAt: number; id: string }, after: ListPosition | null | undefined) {
  return (
    after == null ||
    row.createdAt < after.createdAt ||
    (row.createdAt === after.createdAt && row.id < after.id)
  );
}

function toPage<T extends { createdAt: number; id: string }>(rows: readonly T[], limit: number): ListPage<T> {
  const size = Math.max(1, Math.min(maximumPageSize, Math.trunc(limit)));
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return {
    items,
    next: rows.length > size && last !== undefined ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

// Callers may mutate what they passed in or got back; stored JSON must not change with it.
function cloneJson<T extends JsonObject | null>(value: T): T {
  return value === null ? value : structuredClone(value);
}

function notFound(what: string, id: string): ValidationError {
  return new ValidationError({ code: 'NOT_FOUND', message: `No ${what} with id ${id}.`, details: { id } });
}

function leaseLost(lease: JobLease): JobError {
  return new JobError({
    code: 'JOB_LEASE_LOST',
    message: `The lease on job ${lease.jobId} is no longer held; nothing was written.`,
    details: { jobId: lease.jobId },
  });
}

function validationFailed(message: string): ValidationError {
  return new ValidationError({ code: 'VALIDATION_FAILED', message });
}

function byCreatedThenId(left: { createdAt: number; id: string }, right: { createdAt: number; id: string }) {
  return left.createdAt - right.createdAt || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}

function byRunAtThenId(left: JobRecord, right: JobRecord): number {
  return left.runAt - right.runAt || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}

function heldJob(tables: Tables, lease: JobLease): Result<JobRecord, JobError> {
  const job = tables.jobs.get(lease.jobId);
  if (job === undefined || job.status !== 'running' || job.leaseToken !== lease.leaseToken) {
    return err(leaseLost(lease));
  }
  return ok(job);
}

function appendEvent(tables: Tables, event: NewJobEvent): JobEvent {
  const events = tables.jobEvents.get(event.jobId) ?? [];
  const last = events[events.length - 1];
  const appended: JobEvent = {
    jobId: event.jobId,
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    at: event.at,
    data: cloneJson(event.data ?? {}),
  };
  tables.jobEvents.set(event.jobId, [...events, appended]);
  return appended;
}

/** End a held attempt as `input.outcome` says; `JOB_LEASE_LOST` (and nothing written) when the lease is not held. */
function settleHeld(tables: Tables, input: SettleJobInput): Result<JobRecord, FencedWriteError> {
  return heldJob(tables, input)
    .andThrough((job) => checkTransition(jobTransitions, job.status, input.outcome.status))
    .map((job) => {
      const outcome = input.outcome;
      const released = {
        ...job,
        status: outcome.status,
        leaseOwner: null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: input.now,
      };
      let updated: JobRecord;
      switch (outcome.status) {
        case 'succeeded':
          updated = { ...released, finishedAt: input.now };
          break;
        case 'failed':
          updated = {
            ...released,
            lastErrorCode: outcome.errorCode,
            lastErrorMessage: outcome.errorMessage,
            finishedAt: input.now,
          };
          break;
        case 'cancelled':
          updated = {
            ...released,
            ...(outcome.errorCode === undefined ? {} : { lastErrorCode: outcome.errorCode }),
            ...(outcome.errorMessage === undefined ? {} : { lastErrorMessage: outcome.errorMessage }),
            finishedAt: input.now,
          };
          break;
        case 'queued':
          updated = {
            ...released,
            runAt: outcome.runAt,
            attempts: outcome.refundAttempt === true ? Math.max(0, job.attempts - 1) : job.attempts,
            ...(outcome.errorCode === undefined ? {} : { lastErrorCode: outcome.errorCode }),
            ...(outcome.errorMessage === undefined ? {} : { lastErrorMessage: outcome.errorMessage }),
          };
          break;
      }
      tables.jobs.set(job.id, updated);
      return updated;
    });
}

function makeOperations(run: Runner, createId: (prefix: string) => string): StoreOperations {
  return {
    createProviderConnection: (input: NewProviderConnection, now: number) =>
      run((tables) => {
        const connection: ProviderConnection = {
          id: createId('prv'),
          type: input.type,
          name: input.name,
          sealedToken: input.sealedToken,
          status: input.status ?? 'unchecked',
          statusGuidance: input.statusGuidance ?? null,
          checkedAt: input.checkedAt ?? null,
          createdAt: now,
          updatedAt: now,
        };
        tables.providerConnections.set(connection.id, connection);
        return ok(connection);
      }),

    getProviderConnection: (id: string) => run((tables) => ok(tables.providerConnections.get(id) ?? null)),

    listProviderConnections: () =>
      run((tables) => ok([...tables.providerConnections.values()].sort(byCreatedThenId))),

    updateProviderConnection: (id: string, patch: ProviderConnectionPatch, now: number) =>
      run((tables) => {
        const current = tables.providerConnections.get(id);
        if (current === undefined) return err(notFound('provider connection', id));
        const updated: ProviderConnection = {
          ...current,
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.sealedToken === undefined ? {} : { sealedToken: patch.sealedToken }),
          ...(patch.status === undefined ? {} : { status: patch.status }),
          ...(patch.statusGuidance === undefined ? {} : { statusGuidance: patch.statusGuidance }),
          ...(patch.checkedAt === undefined ? {} : { checkedAt: patch.checkedAt }),
          updatedAt: now,
        };
        tables.providerConnections.set(id, updated);
        return ok(updated);
      }),

    deleteProviderConnection: (id: string) =>
      run((tables) => {
        if (!tables.providerConnections.has(id)) return err(notFound('provider connection', id));
        const inUse = [...tables.nodes.values()].filter(
          (node) => node.providerId === id && node.status !== 'deleted',
        );
        if (inUse.length > 0) {
          return err(
            new ValidationError({
              code: 'CONFLICT',
              message: `Provider connection ${id} is used by ${inUse.length} node(s) that are not deleted.`,
              details: { id, nodeIds: inUse.map((node) => node.id) },
            }),
          );
        }
        tables.providerConnections.delete(id);
        tables.managedSshKeys.delete(id);
        return ok(undefined);
      }),

    createNode: (input: NewNode, now: number) =>
      run((tables) => {
        if (!tables.providerConnections.has(input.providerId)) {
          return err(notFound('provider connection', input.providerId));
        }
        for (const node of tables.nodes.values()) {
          if (node.idempotencyKey === input.idempotencyKey) {
            return err(
              new ValidationError({
                code: 'CONFLICT',
                message: `The idempotency key ${input.idempotencyKey} is taken by node ${node.id}.`,
                details: { idempotencyKey: input.idempotencyKey, nodeId: node.id },
              }),
            );
          }
        }
        const node: NodeRecord = {
          id: createId('node'),
          providerId: input.providerId,
          name: input.name,
          location: input.location,
          serverType: input.serverType,
          image: input.image,
          status: input.status ?? 'pending',
          idempotencyKey: input.idempotencyKey,
          providerServerId: null,
          ipv4: null,
          ipv6: null,
          sshTarget: null,
          hostKey: null,
          lastErrorCode: null,
          lastErrorMessage: null,
          createdAt: now,
          updatedAt: now,
        };
        tables.nodes.set(node.id, node);
        recordNodeChange(tables, node.id);
        return ok(node);
      }),

    getNode: (id: string) => run((tables) => ok(tables.nodes.get(id) ?? null)),

    listNodes: (filter = {}) =>
      run((tables) =>
        ok(
          [...tables.nodes.values()]
            .filter((node) => filter.providerId === undefined || node.providerId === filter.providerId)
            .filter((node) => filter.statuses === undefined || filter.statuses.includes(node.status))
            .sort(byCreatedThenId),
        ),
      ),

    updateNode: (id: string, patch: NodePatch, now: number) =>
      run((tables) => {
        const current = tables.nodes.get(id);
        if (current === undefined) return err(notFound('node', id));
        const updated: NodeRecord = {
          ...current,
          ...(patch.status === undefined ? {} : { status: patch.status }),
          ...(patch.providerServerId === undefined ? {} : { providerServerId: patch.providerServerId }),
          ...(patch.ipv4 === undefined ? {} : { ipv4: patch.ipv4 }),
          ...(patch.ipv6 === undefined ? {} : { ipv6: patch.ipv6 }),
          ...(patch.sshTarget === undefined
            ? {}
            : { sshTarget: patch.sshTarget === null ? null : { ...patch.sshTarget } }),
          ...(patch.hostKey === undefined ? {} : { hostKey: patch.hostKey }),
          ...(patch.lastErrorCode === undefined ? {} : { lastErrorCode: patch.lastErrorCode }),
          ...(patch.lastErrorMessage === undefined ? {} : { lastErrorMessage: patch.lastErrorMessage }),
          updatedAt: now,
        };
        tables.nodes.set(id, updated);
        recordNodeChange(tables, id);
        return ok(updated);
      }),

    pageNodes: (query: NodePageQuery) =>
      run((tables) => {
        const prefix = query.namePrefix ?? '';
        const rows = [...tables.nodes.values()]
          .filter((node) => query.providerId === undefined || node.providerId === query.providerId)
          .filter((node) => query.statuses === undefined || query.statuses.includes(node.status))
          .filter(
            (node) =>
              query.includeDeleted === true ||
              query.statuses?.includes('deleted') ||
              node.status !== 'deleted',
          )
          .filter((node) => node.name.startsWith(prefix))
          .filter((node) => afterPosition(node, query.after))
          .sort(byCreatedThenId);
        return ok(toPage(rows, query.limit));
      }),

    findNodeByName: (providerId: string, name: string) =>
      run((tables) => {
        for (const node of tables.nodes.values()) {
          if (node.providerId === providerId && node.name === name && node.status !== 'deleted') {
            return ok(node);
          }
        }
        return ok(null);
      }),

    listNodeChanges: (query: NodeChangeQuery) =>
      run((tables) => {
        const limit = Math.max(1, Math.min(maximumPageSize, Math.trunc(query.limit)));
        const changes: NodeChange[] = [];
        for (const [nodeId, seq] of tables.nodeChangeSeqs) {
          const node = tables.nodes.get(nodeId);
          if (seq > query.afterSeq && node !== undefined) changes.push({ seq, node });
        }
        return ok(changes.sort((left, right) => left.seq - right.seq).slice(0, limit));
      }),

    lastNodeChangeSeq: () => run((tables) => ok(tables.nodeChangeCounter)),

    getManagedSshKey: (providerId: string) =>
      run((tables) => ok(tables.managedSshKeys.get(providerId) ?? null)),

    saveManagedSshKey: (input: ManagedSshKeyInput, now: number) =>
      run((tables) => {
        if (!tables.providerConnections.has(input.providerId)) {
          return err(notFound('provider connection', input.providerId));
        }
        const existing = tables.managedSshKeys.get(input.providerId);
        const key: ManagedSshKey = {
          providerId: input.providerId,
          providerKeyId: input.providerKeyId,
          name: input.name,
          publicKey: input.publicKey,
          fingerprintMd5: input.fingerprintMd5,
          fingerprintSha256: input.fingerprintSha256,
          sealedPrivateKey: input.sealedPrivateKey,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        tables.managedSshKeys.set(input.providerId, key);
        return ok(key);
      }),

    enqueueJob: (input: NewJob, now: number) =>
      run((tables) => {
        const maxAttempts = input.maxAttempts ?? defaultMaxAttempts;
        if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
          return err(
            validationFailed(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`),
          );
        }
        const dedupeKey = input.dedupeKey ?? null;
        if (dedupeKey !== null) {
          for (const job of tables.jobs.values()) {
            if (job.dedupeKey === dedupeKey && (job.status === 'queued' || job.status === 'running')) {
              return ok({ job, created: false });
            }
          }
        }
        const job: JobRecord = {
          id: createId('job'),
          kind: input.kind,
          status: 'queued',
          nodeId: input.nodeId ?? null,
          payload: cloneJson(input.payload ?? {}),
          attempts: 0,
          maxAttempts,
          runAt: input.runAt ?? now,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
          checkpoint: cloneJson(input.checkpoint ?? null),
          currentStep: null,
          lastErrorCode: null,
          lastErrorMessage: null,
          dedupeKey,
          cancelRequested: false,
          createdAt: now,
          updatedAt: now,
          finishedAt: null,
        };
        tables.jobs.set(job.id, job);
        appendEvent(tables, { jobId: job.id, type: 'job-queued', at: now, data: { kind: job.kind } });
        return ok({ job, created: true });
      }),

    getJob: (id: string) => run((tables) => ok(tables.jobs.get(id) ?? null)),

    listJobs: (filter = {}) =>
      run((tables) => {
        const jobs = [...tables.jobs.values()]
          .filter((job) => filter.nodeId === undefined || job.nodeId === filter.nodeId)
          .filter((job) => filter.statuses === undefined || filter.statuses.includes(job.status))
          .filter((job) => filter.kinds === undefined || filter.kinds.includes(job.kind))
          .sort((left, right) => byCreatedThenId(right, left));
        return ok(filter.limit === undefined ? jobs : jobs.slice(0, Math.max(0, filter.limit)));
      }),

    pageJobs: (query: JobPageQuery) =>
      run((tables) => {
        const rows = [...tables.jobs.values()]
          .filter((job) => query.nodeId === undefined || job.nodeId === query.nodeId)
          .filter((job) => query.statuses === undefined || query.statuses.includes(job.status))
          .filter((job) => query.kinds === undefined || query.kinds.includes(job.kind))
          .filter((job) => beforePosition(job, query.after))
          .sort((left, right) => byCreatedThenId(right, left));
        return ok(toPage(rows, query.limit));
      }),

    claimJobs: (input: ClaimJobsInput) =>
      run((tables) => {
        const due = [...tables.jobs.values()]
          .filter((job) => job.status === 'queued' && job.runAt <= input.now)
          .filter((job) => input.kinds === undefined || input.kinds.includes(job.kind))
          .sort(byRunAtThenId)
          .slice(0, Math.max(0, input.limit));
        const claimed = due.map((job): JobRecord => {
          const running: JobRecord = {
            ...job,
            status: 'running',
            attempts: job.attempts + 1,
            leaseOwner: input.owner,
            leaseToken: createId('lease'),
            leaseExpiresAt: input.now + input.leaseMs,
            updatedAt: input.now,
          };
          tables.jobs.set(job.id, running);
          return running;
        });
        return ok(claimed);
      }),

    heartbeatJob: (input: HeartbeatInput) =>
      run((tables) =>
        heldJob(tables, input).map((job) => {
          const leaseExpiresAt = input.now + input.leaseMs;
          tables.jobs.set(job.id, { ...job, leaseExpiresAt, updatedAt: input.now });
          return { leaseExpiresAt, cancelRequested: job.cancelRequested };
        }),
      ),

    checkpointJob: (input: CheckpointInput) =>
      run((tables) =>
        heldJob(tables, input).map((job) => {
          const updated: JobRecord = {
            ...job,
            checkpoint: cloneJson(input.checkpoint),
            currentStep: input.currentStep,
            updatedAt: input.now,
          };
          tables.jobs.set(job.id, updated);
          return updated;
        }),
      ),

    settleJob: (input: SettleJobInput) => run((tables) => settleHeld(tables, input)),

    // One item after the other on the same tables: exactly the sequential semantics the contract asks for.
    settleJobs: (inputs: readonly SettleJobInput[]) =>
      run((tables) => ok(inputs.map((input) => settleHeld(tables, input)))),

    requestJobCancel: (jobId: string, now: number) =>
      run((tables) => {
        const job = tables.jobs.get(jobId);
        if (job === undefined) return err(notFound('job', jobId));
        let updated = job;
        if (job.status === 'queued') {
          updated = { ...job, status: 'cancelled', finishedAt: now, updatedAt: now };
        } else if (job.status === 'running' && !job.cancelRequested) {
          updated = { ...job, cancelRequested: true, updatedAt: now };
        }
        tables.jobs.set(jobId, updated);
        return ok(updated);
      }),

    listExpiredLeases: (now: number, limit: number) =>
      run((tables) =>
        ok(
          [...tables.jobs.values()]
            .filter(
              (job) => job.status === 'running' && job.leaseExpiresAt !== null && job.leaseExpiresAt < now,
            )
            .sort(
              (left, right) =>
                (left.leaseExpiresAt ?? 0) - (right.leaseExpiresAt ?? 0) || (left.id < right.id ? -1 : 1),
            )
            .slice(0, Math.max(0, limit)),
        ),
      ),

    nextRunAt: (kinds?: readonly string[]) =>
      run((tables) => {
        let earliest: number | null = null;
        for (const job of tables.jobs.values()) {
          if (job.status !== 'queued' || (kinds !== undefined && !kinds.includes(job.kind))) continue;
          if (earliest === null || job.runAt < earliest) earliest = job.runAt;
        }
        return ok(earliest);
      }),

    appendJobEvent: (event: NewJobEvent) =>
      run((tables) => {
        if (!tables.jobs.has(event.jobId)) return err(notFound('job', event.jobId));
        return ok(appendEvent(tables, event));
      }),

    appendJobEvents: (events: readonly NewJobEvent[]) =>
      run((tables) => {
        const unknown = events.find((event) => !tables.jobs.has(event.jobId));
        if (unknown !== undefined) return err(notFound('job', unknown.jobId));
        return ok(events.map((event) => appendEvent(tables, event)));
      }),

    listJobEvents: (jobId: string, options = {}) =>
      run((tables) => {
        const afterSeq = options.afterSeq ?? 0;
        const events = (tables.jobEvents.get(jobId) ?? []).filter((event) => event.seq > afterSeq);
        return ok(options.limit === undefined ? events : events.slice(0, Math.max(0, options.limit)));
      }),
  };
}

/**
 * An in-memory `Store` for tests and examples; it passes the store conformance kit.
 *
 * Operations run one at a time; a transaction holds the queue from start to end, so nothing else can
 * see or interleave with its partial writes. It works on a copy of the tables, which replaces them on
 * commit and is dropped on rollback (an `Err` from the callback, or a throw, which becomes `STORE_FAILED`).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const createId = options.createId ?? createRandomId;
  const queue = new SerialQueue();
  let tables = emptyTables();
  let closed = false;

  const closedError = () =>
    new StoreError({ code: 'STORE_UNAVAILABLE', message: 'The in-memory store is closed.' });

  const runQueued: Runner = <T, E>(task: (current: Tables) => Result<T, E>) =>
    new ResultAsync<T, E | StoreError>(
      queue.run((): Result<T, E | StoreError> => (closed ? err(closedError()) : task(tables))),
    );

  const operations = makeOperations(runQueued, createId);

  return {
    specificationVersion: 'v1',
    ...operations,
    get tables(): MemoryStoreTables {
      return tables;
    },
    transaction<T, E>(fn: (tx: StoreOperations) => ResultAsync<T, E>): ResultAsync<T, E | StoreError> {
      return new ResultAsync<T, E | StoreError>(
        queue.run(async (): Promise<Result<T, E | StoreError>> => {
          if (closed) return err(closedError());
          const committed = tables;
          const working = copyTables(committed);
          let open = true;
          const runInTransaction: Runner = <U, F>(task: (current: Tables) => Result<U, F>) =>
            new ResultAsync<U, F | StoreError>(
              Promise.resolve(
                open
                  ? task(working)
                  : err(
                      new StoreError({
                        code: 'STORE_FAILED',
                        message: 'A transaction handle was used after its transaction ended.',
                      }),
                    ),
              ),
            );
          // Readers of `tables` (tests) see the transaction's writes while it runs, as its own connection would.
          tables = working;
          try {
            const result = await fn(makeOperations(runInTransaction, createId));
            if (result.isErr()) tables = committed;
            return result;
          } catch (error) {
            tables = committed;
            return err(
              new StoreError({
                code: 'STORE_FAILED',
                message: 'The transaction callback threw; everything it wrote was rolled back.',
                cause: error,
              }),
            );
          } finally {
            open = false;
          }
        }),
      );
    },
    close(): ResultAsync<void, StoreError> {
      return new ResultAsync(
        queue.run((): Result<void, StoreError> => {
          closed = true;
          return ok(undefined);
        }),
      );
    },
  };
}
