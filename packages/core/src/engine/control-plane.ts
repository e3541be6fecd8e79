import { err, errAsync, ok, okAsync, type ResultAsync, safeTry } from 'neverthrow';
import { errorCodes, isErrorCode } from '../errors/error-codes.js';
import { ProviderError, ValidationError } from '../errors/error-families.js';
import type { PressluftError } from '../errors/pressluft-error.js';
import { type JobEvent, type JobRecord, terminalJobEventTypes } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { NodeRecord } from '../model/node.js';
import type { ProviderConnection } from '../model/provider-connection.js';
import type { CredentialCheck, NodeProviderFactoryV1, NodeProviderV1 } from '../spec/node-provider-v1.js';
import type { ProvisionerV1 } from '../spec/provisioner-v1.js';
import type { Store } from '../spec/store.js';
import { type ListPosition, maximumPageSize } from '../spec/store-lists.js';
import { generateSshKeyPair } from '../ssh/generate-ssh-key-pair.js';
import { createId } from '../util/ids.js';
import { type Clock, systemClock } from './clock.js';
import type {
  CheckedProviderConnection,
  ControlPlane,
  CreateNodeInput,
  JobView,
  Logger,
  NodeWithJob,
  ProviderConnectionView,
} from './control-plane-types.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';
import { silentLogger } from './logger.js';
import { type GeneratedKeyPair, ManagedKeys } from './managed-keys.js';
import { NodeChangeFeed } from './node-change-feed.js';
import { createNodeDeleteKind, NODE_DELETE } from './node-delete.js';
import {
  createNodeProvisionKind,
  emptyNodeProvisionCheckpoint,
  NODE_PROVISION,
  type NodeProvisionCheckpoint,
  type ProvisioningSettings,
  type WaitForSsh,
} from './node-provision.js';
import { Notifier } from './notifier.js';
import { ProviderAdapters } from './provider-adapters.js';
import { RuntimeReadinessCheck } from './runtime-readiness.js';
import type { SecretSealer } from './secret-sealer.js';
import { createWorker, type WorkerOptions } from './worker.js';

/** Settings of the worker inside a control plane. */
export type ControlPlaneWorkerSettings = Pick<
  WorkerOptions,
  | 'concurrency'
  | 'claimBatchSize'
  | 'leaseMs'
  | 'heartbeatIntervalMs'
  | 'reapIntervalMs'
  | 'pollIntervalMs'
  | 'owner'
>;

/** Everything a control plane is composed of. */
export interface ControlPlaneOptions {
  /** Where state lives (`@pressluft/store-sqlite` for the embedded default). */
  readonly store: Store;
  /** The provider types nodes can be acquired from (`@pressluft/provider-hetzner`). */
  readonly providers: readonly NodeProviderFactoryV1[];
  /** What provisions acquired servers (`@pressluft/ansible-runner`). */
  readonly provisioner: ProvisionerV1;
  /** Seals provider tokens and private keys at rest. */
  readonly secrets: SecretSealer;
  /** Generates the managed SSH key pair of a connection. Default: an ed25519 pair from `generateSshKeyPair`. */
  readonly generateKeyPair?: () => GeneratedKeyPair;
  /** Provisioning settings (SSH user, time limits, check mode, playbook vars, clean-up policy). */
  readonly provisioning?: ProvisioningSettings;
  /** How to wait for a new server's SSH port. Default: TCP connection attempts until the deadline. */
  readonly waitForSsh?: WaitForSsh;
  /** Worker settings (concurrency, lease). */
  readonly worker?: ControlPlaneWorkerSettings;
  /** The image used when a node is created without one. Default `ubuntu-24.04`. */
  readonly defaultImage?: string;
  /** The clock. */
  readonly clock?: Clock;
  /** Where to log. */
  readonly logger?: Logger;
  /**
   * How long an answer about the provisioning runtime is reused (node creation and health reports ask
   * for it). Default 5 s: Ansible installed while the control plane runs is noticed that soon.
   */
  readonly runtimeCheckMaxAgeMs?: number;
}

const nodeNamePattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const maximumTokenLength = 4096;

function notFound(what: string, id: string): ValidationError {
  return new ValidationError({ code: 'NOT_FOUND', message: `${what} ${id} does not exist.` });
}

function invalid(message: string, details: JsonObject): ValidationError {
  return new ValidationError({ code: 'VALIDATION_FAILED', message, details });
}

function toView(connection: ProviderConnection): ProviderConnectionView {
  const { sealedToken: _sealedToken, ...view } = connection;
  return view;
}

const defaultPageSize = 50;

/** The page size asked for, within 1…maximumPageSize; default 50. */
function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultPageSize;
  return Math.max(1, Math.min(maximumPageSize, Math.trunc(limit)));
}

/** The position a cursor stands for; none for the first page. */
function pagePosition(cursor: string | undefined): ResultAsync<ListPosition | null, ValidationError> {
  if (cursor === undefined) return okAsync(null);
  const decoded = decodeListCursor(cursor);
  return decoded.isOk() ? okAsync(decoded.value) : errAsync(decoded.error);
}

function toJobView(job: JobRecord): JobView {
  const code = job.lastErrorCode;
  return { ...job, lastErrorGuidance: code !== null && isErrorCode(code) ? errorCodes[code].guidance : null };
}

/**
 * Compose a control plane: provider connections with live token checks, nodes acquired and provisioned
 * by background jobs, and the worker that runs them.
 *
 * ```ts
 * const controlPlane = createControlPlane({ store, providers: [hetzner], provisioner, secrets });
 * await controlPlane.start();
 * const { node, job } = (await controlPlane.nodes.create({ providerId, name: 'web-1', location: 'fsn1', serverType: 'cx22' }))._unsafeUnwrap();
 * for await (const event of controlPlane.jobs.subscribe(job.id)) console.log(event.type, event.data);
 * ```
 */
export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  const { store, provisioner, secrets } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const runtime = new RuntimeReadinessCheck(provisioner, clock, options.runtimeCheckMaxAgeMs ?? 5_000);
  const defaultImage = options.defaultImage ?? 'ubuntu-24.04';
  const adapters = new ProviderAdapters(options.providers, store, secrets, () => clock.now());
  const keys = new ManagedKeys(
    store,
    secrets,
    options.generateKeyPair ?? (() => generateSshKeyPair()),
    clock,
  );
  const listeners = new Map<string, Set<() => void>>();

  const nodeChanges = new NodeChangeFeed({ store });
  const publish = (event: JobEvent): void => {
    for (const listener of listeners.get(event.jobId) ?? []) listener();
    // Node writes happen in the same transactions as job events: a cheap hint for the node change feed.
    nodeChanges.wake();
  };

  const provisionKind = createNodeProvisionKind({
    store,
    adapters,
    keys,
    provisioner,
    secrets,
    ...(options.provisioning === undefined ? {} : { settings: options.provisioning }),
    ...(options.waitForSsh === undefined ? {} : { waitForSsh: options.waitForSsh }),
  });
  const deleteKind = createNodeDeleteKind({ store, adapters });
  const worker = createWorker({
    ...(options.worker ?? {}),
    store,
    kinds: [provisionKind, deleteKind],
    clock,
    logger,
    onEvent: publish,
  });

  /** Check a token live; an unexpected failure of the check itself counts as unreachable. */
  const checkToken = (provider: NodeProviderV1): ResultAsync<CredentialCheck, never> =>
    provider.validateCredentials().orElse((error) =>
      okAsync<CredentialCheck, never>({
        status: 'unreachable',
        guidance: error.guidance,
        errorCode: error.code,
      }),
    );

  const validateToken = (token: unknown): ResultAsync<string, ValidationError> => {
    if (typeof token !== 'string' || token.trim().length === 0) {
      return errAsync(invalid('The token is empty.', { field: 'token' }));
    }
    const trimmed = token.trim();
    if (trimmed.length > maximumTokenLength || /\s/.test(trimmed)) {
      return errAsync(invalid('The token contains white space or is too long.', { field: 'token' }));
    }
    return okAsync(trimmed);
  };

  const sealToken = (token: string) => {
    const sealed = secrets.seal(token);
    return sealed.isOk() ? okAsync(sealed.value) : errAsync(sealed.error);
  };

  const getNode = (id: string): ResultAsync<NodeRecord, PressluftError> =>
    store.getNode(id).andThen((node) => (node === null ? errAsync(notFound('Node', id)) : okAsync(node)));

  /** Validate the node's choices against the provider catalog; skipped when the catalog is unreachable. */
  const checkOptions = (
    provider: NodeProviderV1,
    input: { location: string; serverType: string; image: string },
  ): ResultAsync<void, PressluftError> =>
    provider
      .listCatalog()
      .map((catalog) => catalog)
      .orElse((error) => (error.retryable ? okAsync(null) : errAsync(error)))
      .andThen((catalog) => {
        if (catalog === null) return okAsync(undefined);
        const problems: string[] = [];
        const serverType = catalog.serverTypes.find((type) => type.name === input.serverType);
        const image = catalog.images.filter((candidate) => candidate.name === input.image);
        if (!catalog.locations.some((location) => location.name === input.location)) {
          problems.push(`unknown location ${input.location}`);
        }
        if (serverType === undefined) problems.push(`unknown server type ${input.serverType}`);
        else if (!serverType.availableIn.includes(input.location)) {
          problems.push(`${input.serverType} is not available in ${input.location}`);
        }
        if (image.length === 0) problems.push(`unknown image ${input.image}`);
        else if (
          serverType !== undefined &&
          !image.some((candidate) => candidate.architecture === serverType.architecture)
        ) {
          problems.push(`${input.image} is not built for ${serverType.architecture}`);
        }
        if (problems.length === 0) return okAsync(undefined);
        return errAsync(
          new ValidationError({
            code: 'VALIDATION_OPTION_UNAVAILABLE',
            message: `The provider does not offer this combination: ${problems.join('; ')}.`,
            details: { problems },
          }),
        );
      });

  /** The newest job of a kind for a node. */
  const latestJob = (nodeId: string, kind: string) =>
    store.listJobs({ nodeId, kinds: [kind], limit: 1 }).map((jobs) => jobs[0] ?? null);

  /**
   * Ask a job to stop. A queued job is cancelled at once, with its event and (optionally) its node
   * marked failed in the same transaction; a running one is aborted here if it runs in this process,
   * and by its own worker's next heartbeat otherwise.
   */
  const cancelJob = (
    id: string,
    cancelOptions: { failNode: boolean },
  ): ResultAsync<JobRecord, PressluftError> => {
    const now = clock.now();
    let event: JobEvent | undefined;
    return store
      .transaction((tx) =>
        tx.getJob(id).andThen((before) => {
          if (before === null) return errAsync(notFound('Job', id));
          return tx.requestJobCancel(id, now).andThen((job) => {
            if (before.status !== 'queued' || job.status !== 'cancelled') return okAsync(job);
            return tx
              .appendJobEvent({
                jobId: id,
                type: 'job-cancelled',
                at: now,
                data: { errorCode: 'JOB_CANCELLED' },
              })
              .andThen((appended) => {
                event = appended;
                if (!cancelOptions.failNode || job.nodeId === null || job.kind !== NODE_PROVISION)
                  return okAsync(job);
                return (
                  provisionKind
                    .onSettle?.(
                      tx,
                      job,
                      {
                        status: 'cancelled',
                        errorCode: 'JOB_CANCELLED',
                        errorMessage: 'Cancelled before it ran.',
                      },
                      now,
                    )
                    .map(() => job) ?? okAsync(job)
                );
              });
          });
        }),
      )
      .map((job) => {
        if (event !== undefined) publish(event);
        worker.abortLocal(id);
        return job;
      });
  };

  const controlPlane: ControlPlane = {
    providers: {
      types: () => adapters.factories.map((factory) => factory.info),

      connect(input) {
        return safeTry(async function* () {
          if (typeof input.name !== 'string' || input.name.trim().length === 0 || input.name.length > 100) {
            return err(invalid('The name must be 1 to 100 characters.', { field: 'name' }));
          }
          const token = yield* validateToken(input.token);
          const provider = yield* adapters.forToken(input.type, token);
          const check = yield* checkToken(provider);
          const sealedToken = yield* sealToken(token);
          const connection = yield* store.createProviderConnection(
            {
              type: input.type,
              name: input.name.trim(),
              sealedToken,
              status: check.status,
              statusGuidance: check.guidance,
              checkedAt: clock.now(),
            },
            clock.now(),
          );
          logger.info('provider connected', {
            providerId: connection.id,
            type: input.type,
            status: check.status,
          });
          return ok<CheckedProviderConnection>({ connection: toView(connection), check });
        });
      },

      list: () => store.listProviderConnections().map((connections) => connections.map(toView)),

      get: (id) =>
        store
          .getProviderConnection(id)
          .andThen((connection) =>
            connection === null ? errAsync(notFound('Provider connection', id)) : okAsync(toView(connection)),
          ),

      check(id) {
        return safeTry(async function* () {
          const { provider } = yield* adapters.forConnection(id);
          const check = yield* checkToken(provider);
          const connection = yield* store.updateProviderConnection(
            id,
            { status: check.status, statusGuidance: check.guidance, checkedAt: clock.now() },
            clock.now(),
          );
          return ok<CheckedProviderConnection>({ connection: toView(connection), check });
        });
      },

      rotateToken(id, token) {
        return safeTry(async function* () {
          const existing = yield* store.getProviderConnection(id);
          if (existing === null) return err(notFound('Provider connection', id));
          const trimmed = yield* validateToken(token);
          const provider = yield* adapters.forToken(existing.type, trimmed);
          const check = yield* checkToken(provider);
          const sealedToken = yield* sealToken(trimmed);
          const connection = yield* store.updateProviderConnection(
            id,
            { sealedToken, status: check.status, statusGuidance: check.guidance, checkedAt: clock.now() },
            clock.now(),
          );
          adapters.forget(id);
          logger.info('provider token rotated', { providerId: id, status: check.status });
          return ok<CheckedProviderConnection>({ connection: toView(connection), check });
        });
      },

      delete(id) {
        return store.getProviderConnection(id).andThen((connection) => {
          if (connection === null) return errAsync(notFound('Provider connection', id));
          return store.deleteProviderConnection(id).map(() => {
            adapters.forget(id);
            logger.info('provider deleted', { providerId: id });
          });
        });
      },

      catalog: (id) => adapters.forConnection(id).andThen(({ provider }) => provider.listCatalog()),
    },

    nodes: {
      create(input: CreateNodeInput) {
        return safeTry(async function* () {
          const image = input.image ?? defaultImage;
          if (typeof input.name !== 'string' || !nodeNamePattern.test(input.name)) {
            return err(
              invalid(
                'The name must be 1 to 63 lower-case letters, digits or dashes, not starting or ending with a dash.',
                {
                  field: 'name',
                },
              ),
            );
          }
          for (const [field, value] of Object.entries({
            location: input.location,
            serverType: input.serverType,
            image,
          })) {
            if (typeof value !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(value)) {
              return err(invalid(`The ${field} is missing or malformed.`, { field }));
            }
          }
          // Without a provisioning runtime the server would be rented and then never provisioned.
          yield* runtime.check();
          const { connection, provider } = yield* adapters.forConnection(input.providerId);
          if (connection.status !== 'connected') {
            return err(
              new ProviderError({
                code: 'PROVIDER_NOT_CONNECTED',
                message: `Provider connection ${connection.name} is ${connection.status}, not connected.`,
                details: { providerId: connection.id, status: connection.status },
              }),
            );
          }
          // Server names are unique per provider project; refuse a clash here rather than fail later.
          const namesake = yield* store.findNodeByName(connection.id, input.name);
          if (namesake !== null) {
            return err(
              new ValidationError({
                code: 'CONFLICT',
                message: `A node named ${input.name} already exists on this provider connection.`,
                details: { field: 'name' },
              }),
            );
          }
          yield* checkOptions(provider, { location: input.location, serverType: input.serverType, image });
          const now = clock.now();
          const created = yield* store.transaction((tx) =>
            tx
              .createNode(
                {
                  providerId: connection.id,
                  name: input.name,
                  location: input.location,
                  serverType: input.serverType,
                  image,
                  idempotencyKey: createId('acq'),
                },
                now,
              )
              .andThen((node) =>
                tx
                  .enqueueJob(
                    {
                      kind: NODE_PROVISION,
                      nodeId: node.id,
                      dedupeKey: `${NODE_PROVISION}:${node.id}`,
                      maxAttempts: provisionKind.maxAttempts,
                    },
                    now,
                  )
                  .map(({ job }): NodeWithJob => ({ node, job })),
              ),
          );
          worker.wake();
          nodeChanges.wake();
          logger.info('node created', {
            nodeId: created.node.id,
            jobId: created.job.id,
            providerId: connection.id,
          });
          return ok(created);
        });
      },

      list: (listOptions) =>
        store
          .listNodes()
          .map((nodes) =>
            listOptions?.includeDeleted ? nodes : nodes.filter((node) => node.status !== 'deleted'),
          ),

      page: (query = {}) =>
        pagePosition(query.cursor).andThen((after) =>
          store
            .pageNodes({
              limit: pageLimit(query.limit),
              after,
              ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
              ...(query.providerId === undefined ? {} : { providerId: query.providerId }),
              ...(query.namePrefix === undefined ? {} : { namePrefix: query.namePrefix }),
              ...(query.includeDeleted === undefined ? {} : { includeDeleted: query.includeDeleted }),
            })
            .map((page) => ({ items: page.items, nextCursor: page.next && encodeListCursor(page.next) })),
        ),

      changeSeq: () => store.lastNodeChangeSeq(),

      changesAfter: (afterSeq, limit) =>
        store.listNodeChanges({ afterSeq: Math.max(0, afterSeq), limit: pageLimit(limit) }),

      changes: (changeOptions = {}) =>
        nodeChanges.subscribe({
          afterSeq: changeOptions.afterSeq ?? 0,
          ...(changeOptions.signal === undefined ? {} : { signal: changeOptions.signal }),
        }),

      get: getNode,

      retry(id) {
        return safeTry(async function* () {
          const node = yield* getNode(id);
          if (node.status !== 'failed' && node.status !== 'ready') {
            return err(
              new ValidationError({
                code: 'CONFLICT',
                message: `Node ${id} is ${node.status}; only failed or ready nodes can be retried.`,
              }),
            );
          }
          const previous = yield* latestJob(id, NODE_PROVISION);
          const saved = {
            ...emptyNodeProvisionCheckpoint(),
            ...((previous?.checkpoint ?? {}) as Partial<NodeProvisionCheckpoint>),
          };
          // Resume acquisition where it stopped; provisioning and readiness always run again (idempotent).
          // A node that no longer records a server (cleaned up after a failed acquisition) starts afresh,
          // checking the SSH key again too (it is idempotent, and the key may have changed meanwhile).
          const serverKnown = node.providerServerId !== null;
          const checkpoint: NodeProvisionCheckpoint = {
            ...saved,
            ...(serverKnown
              ? {}
              : { sshKeyId: null, serverId: null, actionIds: [], actionsDone: false, target: null }),
            sshReachable: false,
            provisioned: false,
          };
          const now = clock.now();
          const enqueued = yield* store.enqueueJob(
            {
              kind: NODE_PROVISION,
              nodeId: id,
              dedupeKey: `${NODE_PROVISION}:${id}`,
              maxAttempts: provisionKind.maxAttempts,
              checkpoint: checkpoint as unknown as JsonObject,
            },
            now,
          );
          worker.wake();
          logger.info('node retry enqueued', {
            nodeId: id,
            jobId: enqueued.job.id,
            resumed: enqueued.created,
          });
          return ok<NodeWithJob>({ node, job: enqueued.job });
        });
      },

      delete(id) {
        return safeTry(async function* () {
          const node = yield* getNode(id);
          if (node.status === 'deleted') {
            return err(new ValidationError({ code: 'CONFLICT', message: `Node ${id} is already deleted.` }));
          }
          const now = clock.now();
          const unfinished = yield* store.listJobs({
            nodeId: id,
            kinds: [NODE_PROVISION],
            statuses: ['queued', 'running'],
          });
          for (const job of unfinished) {
            // The node is about to be deleted: it must not flip to failed on the way.
            yield* cancelJob(job.id, { failNode: false });
          }
          const enqueued = yield* store.enqueueJob(
            {
              kind: NODE_DELETE,
              nodeId: id,
              dedupeKey: `${NODE_DELETE}:${id}`,
              maxAttempts: deleteKind.maxAttempts,
            },
            now,
          );
          worker.wake();
          logger.info('node delete enqueued', { nodeId: id, jobId: enqueued.job.id });
          return ok<NodeWithJob>({ node, job: enqueued.job });
        });
      },

      jobs: (id) =>
        getNode(id).andThen(() => store.listJobs({ nodeId: id }).map((jobs) => jobs.map(toJobView))),
    },

    jobs: {
      page: (query = {}) =>
        pagePosition(query.cursor).andThen((after) =>
          store
            .pageJobs({
              limit: pageLimit(query.limit),
              after,
              ...(query.nodeId === undefined ? {} : { nodeId: query.nodeId }),
              ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
              ...(query.kinds === undefined ? {} : { kinds: query.kinds }),
            })
            .map((page) => ({
              items: page.items.map(toJobView),
              nextCursor: page.next && encodeListCursor(page.next),
            })),
        ),

      get: (id) =>
        store
          .getJob(id)
          .andThen((job) => (job === null ? errAsync(notFound('Job', id)) : okAsync(toJobView(job)))),

      events: (id, eventOptions) =>
        store.getJob(id).andThen((job) => {
          if (job === null) return errAsync(notFound('Job', id));
          return store.listJobEvents(
            id,
            eventOptions?.afterSeq === undefined ? {} : { afterSeq: eventOptions.afterSeq },
          );
        }),

      subscribe(id, subscribeOptions) {
        return {
          async *[Symbol.asyncIterator]() {
            const signal = subscribeOptions?.signal;
            let last = subscribeOptions?.afterSeq ?? 0;
            const notifier = new Notifier();
            const wake = () => notifier.notify();
            let set = listeners.get(id);
            if (set === undefined) {
              set = new Set();
              listeners.set(id, set);
            }
            set.add(wake);
            signal?.addEventListener('abort', wake, { once: true });
            try {
              while (!signal?.aborted) {
                const events = await store.listJobEvents(id, { afterSeq: last });
                if (events.isErr()) throw events.error;
                for (const event of events.value) {
                  last = event.seq;
                  yield event;
                  if (terminalJobEventTypes.has(event.type)) return;
                }
                const job = await store.getJob(id);
                if (job.isErr()) throw job.error;
                // A job that is gone, or finished without a terminal event, has nothing more to say.
                if (job.value === null) return;
                // Events written by another process are not announced here: poll as a fallback.
                await notifier.wait(1_000);
              }
            } finally {
              set.delete(wake);
              if (set.size === 0) listeners.delete(id);
              signal?.removeEventListener('abort', wake);
            }
          },
        };
      },

      cancel(id) {
        return cancelJob(id, { failNode: true }).map(toJobView);
      },
    },

    start() {
      // The runtime is checked in the background: without it everything but provisioning works, and
      // node creation says what to install.
      void runtime.check().match(
        (found) => logger.info('provisioning runtime found', { ...found }),
        (error) =>
          logger.warn('provisioning runtime missing', { code: error.code, guidance: error.guidance }),
      );
      // Runs of a killed predecessor (orphaned processes, key files) go before any job is claimed.
      return (provisioner.recover?.() ?? okAsync(undefined)).map((recovery) => {
        if (recovery !== undefined && (recovery.removedRuns > 0 || recovery.stoppedProcesses > 0)) {
          logger.warn('provisioning runs of a previous process cleaned up', {
            removed_runs: recovery.removedRuns,
            stopped_processes: recovery.stoppedProcesses,
          });
        }
        worker.start();
      });
    },

    runtime: () => runtime.current(),

    stop: (stopOptions) => worker.stop(stopOptions),
  };
  return controlPlane;
}
